/**
 * The logger the loop reports to: unhandled callback errors, debug-mode
 * warnings and the rest of asyncio's `logger` output.
 *
 * @module
 */

/** Where the library sends its reports; replace it with {@linkcode set_logger}. */
export interface Logger {
  /** Reports an error, such as an exception raised by a callback. */
  error(message: string, error?: unknown): void;
  /** Reports a warning, such as a slow callback in debug mode. */
  warning(message: string, error?: unknown): void;
  /** Reports a debug message. */
  debug(message: string): void;
}

const consoleLogger: Logger = {
  error(message, error) {
    if (error === undefined) console.error(message);
    else console.error(message, error);
  },
  warning(message, error) {
    if (error === undefined) console.warn(message);
    else console.warn(message, error);
  },
  debug(message) {
    console.error(message); // stderr, as Python's logging; console.debug writes to stdout
  },
};

let current: Logger = consoleLogger;

/**
 * The logger in use (the console unless replaced).
 *
 * @returns The current logger.
 *
 * @example
 * ```ts
 * import { get_logger } from "@aiots/asyncio";
 * get_logger().debug("hello");
 * ```
 */
export function get_logger(): Logger {
  return current;
}

/**
 * Replaces the logger; `null` restores the console logger.
 *
 * @param logger The logger to use from now on.
 * @returns The logger that was in use before.
 *
 * @example Collecting reports in a test
 * ```ts
 * import { set_logger } from "@aiots/asyncio";
 * const lines: string[] = [];
 * const previous = set_logger({
 *   error: (m) => lines.push(m),
 *   warning: (m) => lines.push(m),
 *   debug: () => {},
 * });
 * set_logger(previous);
 * ```
 */
export function set_logger(logger: Logger | null): Logger {
  const previous = current;
  current = logger ?? consoleLogger;
  return previous;
}
