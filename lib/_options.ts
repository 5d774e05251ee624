/**
 * The check every function with an options object makes: an object, with
 * known keys only.
 *
 * @module
 */

import { repr } from "./_repr.ts";

/**
 * Checks that `options` is `undefined` or an object whose keys are all in
 * `allowed`; `what` names the function in the messages.
 *
 * @throws {TypeError} When it is not an object, or has an unknown key.
 */
export function check_option_keys(
  options: unknown,
  allowed: readonly string[],
  what: string,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${what}: options must be an object, got ${repr(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${what}: unknown option '${key}' (known: ${allowed.join(", ")})`);
    }
  }
}
