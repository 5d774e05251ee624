/**
 * The argument checks of the stream and transport functions.
 *
 * @module
 */

import { ValueError } from "./exceptions.ts";
import { check_seconds_or_null } from "./_checks.ts";
import type { ClientTlsOptions, ServerTlsOptions } from "./loop_io.ts";
import { repr } from "./_repr.ts";

/** The default buffer limit of a `StreamReader`: 64 KiB, as asyncio's. */
export const DEFAULT_LIMIT = 2 ** 16;

/**
 * @throws {TypeError} When `value` is not an integer: a fraction too, as
 * CPython's streams fail on one (a slice index, a port), unlike the counts
 * `_checks.ts`'s `check_integer` is for.
 */
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

/**
 * The hosts a server listens on: `host`, each of `host`, or every IPv4
 * interface for `null`.
 *
 * @throws {TypeError} When it is none of those.
 */
export function check_hosts(host: unknown, what: string): string[] {
  const hosts = host === null ? ["0.0.0.0"] : typeof host === "string" ? [host] : host;
  if (!Array.isArray(hosts) || hosts.length === 0 || hosts.some((h) => typeof h !== "string")) {
    throw new TypeError(
      `${what}: host must be a string, a non-empty array of strings or null, got ${repr(host)}`,
    );
  }
  return hosts;
}

/**
 * A client's `ssl` option: a boolean or `{ ca_certs }`.
 *
 * @throws {TypeError} When it is neither.
 */
export function check_client_ssl(ssl: unknown, what: string): boolean | ClientTlsOptions {
  const ca_certs = typeof ssl === "object" && ssl !== null
    ? (ssl as ClientTlsOptions).ca_certs
    : undefined;
  if (
    typeof ssl !== "boolean" && (typeof ssl !== "object" || ssl === null ||
      (ca_certs !== undefined &&
        (!Array.isArray(ca_certs) || ca_certs.some((pem) => typeof pem !== "string"))))
  ) {
    throw new TypeError(
      `${what}: ssl must be a boolean or { ca_certs: string[] }, got ${repr(ssl)}`,
    );
  }
  return ssl as boolean | ClientTlsOptions;
}

/**
 * A server's `ssl` option: `undefined` or `{ cert, key }`.
 *
 * @throws {TypeError} When it is neither.
 */
export function check_server_ssl(
  ssl: unknown,
  what: string,
): asserts ssl is ServerTlsOptions | undefined {
  if (
    ssl !== undefined &&
    (typeof ssl !== "object" || ssl === null ||
      typeof (ssl as ServerTlsOptions).cert !== "string" ||
      typeof (ssl as ServerTlsOptions).key !== "string")
  ) {
    throw new TypeError(
      `${what}: ssl must be { cert: string, key: string } (PEM), got ${repr(ssl)}`,
    );
  }
}

/** asyncio's `SSL_HANDSHAKE_TIMEOUT` and `SSL_SHUTDOWN_TIMEOUT`, in seconds. */
export const SSL_TIMEOUT_DEFAULTS = { ssl_handshake_timeout: 60, ssl_shutdown_timeout: 30 };

/**
 * `ssl_handshake_timeout` or `ssl_shutdown_timeout` of the loop's TLS
 * methods, as asyncio checks them: only with `ssl`, and positive. Left
 * out (or `null`), the default.
 *
 * @throws {TypeError} When it is neither a number nor `null`.
 * @throws {ValueError} When it is given without `ssl`, or is not positive
 * (NaN included), with asyncio's messages.
 */
export function check_ssl_timeout(
  value: unknown,
  name: "ssl_handshake_timeout" | "ssl_shutdown_timeout",
  ssl: boolean,
  what: string,
): number {
  const seconds = check_seconds_or_null(value ?? null, `${what}: ${name}`);
  if (seconds === null) return SSL_TIMEOUT_DEFAULTS[name];
  if (!ssl) throw new ValueError(`${name} is only meaningful with ssl`);
  if (!(seconds > 0)) throw new ValueError(`${name} should be a positive number, got ${seconds}`);
  return seconds;
}
