/**
 * Argument checks, one function per rule, so that the same bad argument
 * gets the same error class everywhere. The classes follow CPython 3.12's
 * C argument conversions (`time.sleep`, `select.select`, `range`):
 *
 * - the wrong JavaScript type (a string for a delay, `null` for a
 *   callback): `TypeError`;
 * - a number of the right type but a value the argument cannot take (NaN
 *   seconds, a fraction or a negative count): `ValueError`. JavaScript has
 *   one number type, so "not an integer" is a value, not a type, here.
 *
 * Each message names the function, the argument and the rule:
 * `sleep(): delay must not be NaN`.
 *
 * @module
 */

import { ValueError } from "./exceptions.ts";
import { repr } from "./_repr.ts";

/** Any function: what `check_function` lets through. */
type AnyFunction = (...args: never[]) => unknown;

/** Whether `value` is a generator object. */
export function isgenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as Generator).next === "function" &&
    typeof (value as Generator).throw === "function" &&
    typeof (value as Generator)[Symbol.iterator] === "function";
}

/**
 * Whether a task can await `value`: a generator (or `Coroutine`), or a
 * thenable, which covers `Future`, `Coroutine`, Promises and any object or
 * function with a `then` method (what JavaScript's `await` accepts).
 */
export function is_awaitable(value: unknown): boolean {
  return isgenerator(value) ||
    (typeof value === "object" || typeof value === "function") && value !== null &&
      typeof (value as PromiseLike<unknown>).then === "function";
}

/**
 * Checks an argument that must be awaitable (see `is_awaitable`).
 *
 * @param label The function and argument: `"shield(): aw"`.
 * @throws {TypeError} When it is not.
 */
export function check_awaitable(value: unknown, label: string): void {
  if (is_awaitable(value)) return;
  throw new TypeError(
    `${label} must be awaitable (a Future, Task, coroutine, generator or Promise), got ${
      repr(value)
    }`,
  );
}

/**
 * Checks an argument that must be a function (or `null`, when
 * `nullable`).
 *
 * @param label The function and argument: `"call_soon(): callback"`.
 * @throws {TypeError} When it is not.
 */
export function check_function(value: unknown, label: string): asserts value is AnyFunction;
export function check_function(
  value: unknown,
  label: string,
  nullable: true,
): asserts value is AnyFunction | null;
export function check_function(value: unknown, label: string, nullable = false): void {
  if (typeof value === "function" || nullable && value === null) return;
  const rule = nullable ? "a function or null" : "a function";
  throw new TypeError(`${label} must be ${rule}, got ${repr(value)}`);
}

/**
 * Checks a time argument in seconds (a delay or a loop time): any number
 * but NaN (negative is "now", `Infinity` is "never", as in asyncio).
 *
 * @param label The function and argument: `"call_later(): delay"`.
 * @throws {TypeError} When it is not a number.
 * @throws {ValueError} When it is NaN.
 */
export function check_seconds(value: unknown, label: string): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${label} must be a number of seconds, got ${repr(value)}`);
  }
  if (value !== value) throw new ValueError(`${label} must not be NaN`);
}

/**
 * `check_seconds` for an argument where `null` means "no limit".
 *
 * @throws {TypeError} When it is neither a number nor `null`.
 * @throws {ValueError} When it is NaN.
 */
export function check_seconds_or_null(value: unknown, label: string): number | null {
  if (value === null) return null;
  if (typeof value !== "number") {
    throw new TypeError(`${label} must be a number of seconds or null, got ${repr(value)}`);
  }
  if (value !== value) throw new ValueError(`${label} must not be NaN`);
  return value;
}

/**
 * Checks a count argument: an integer (its range is the caller's to check,
 * with asyncio's message for it).
 *
 * @param label The function and argument: `"Semaphore(): value"`.
 * @throws {TypeError} When it is not a number.
 * @throws {ValueError} When it is not an integer (NaN and infinities neither).
 */
export function check_integer(value: unknown, label: string): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${label} must be an integer, got ${repr(value)}`);
  }
  if (!Number.isInteger(value)) {
    throw new ValueError(`${label} must be an integer, got ${repr(value)}`);
  }
}
