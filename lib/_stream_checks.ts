/**
 * The argument checks of the stream and transport functions.
 *
 * @module
 */

import { ValueError } from "./exceptions.ts";
import { repr } from "./_repr.ts";

/** The default buffer limit of a `StreamReader`: 64 KiB, as asyncio's. */
export const DEFAULT_LIMIT = 2 ** 16;

/** @throws {TypeError} When `value` is not an integer; `what` names it. */
export function check_integer(value: unknown, what: string): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${what} must be an integer, got ${repr(value)}`);
  }
}

/**
 * @throws {TypeError} When `port` is not an integer.
 * @throws {RangeError} When it is outside 0..65535.
 */
export function check_port(port: unknown, what: string): asserts port is number {
  check_integer(port, what);
  if (port < 0 || port > 65535) throw new RangeError(`${what} must be in 0..65535, got ${port}`);
}

/**
 * A reader's buffer limit, `DEFAULT_LIMIT` when not given.
 *
 * @throws {TypeError} When it is not a number.
 * @throws {ValueError} When it is not positive.
 */
export function check_limit(limit: unknown, what: string): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== "number" || Number.isNaN(limit)) {
    throw new TypeError(`${what}: limit must be a number, got ${repr(limit)}`);
  }
  if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
  return limit;
}

/** @throws {TypeError} When `callback` (named `name`) is not a function. */
export function check_function(callback: unknown, name: string, what: string): void {
  if (typeof callback !== "function") {
    throw new TypeError(`${what}: ${name} must be a function, got ${repr(callback)}`);
  }
}
