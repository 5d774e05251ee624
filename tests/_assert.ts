/**
 * The assertions the tests use, from Node's built-in `node:assert/strict`
 * (JSR's `@std/assert` cannot be fetched here).
 *
 * @module
 */

import assert from "node:assert/strict";

export const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;
export const assertStrictEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.strictEqual;
export const assertThrows: typeof assert.throws = assert.throws;
export const assertRejects: typeof assert.rejects = assert.rejects;
export const assertOk: (value: unknown, message?: string) => asserts value = assert.ok;
export const assertMatch: (actual: string, expected: RegExp, message?: string) => void =
  assert.match;

/**
 * Awaits `aw` (a library awaitable, inside a coroutine) and checks that it
 * throws an instance of `cls`; returns the error.
 */
export async function raises<E extends Error>(
  aw: PromiseLike<unknown>,
  cls: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await aw;
  } catch (error) {
    assert.ok(error instanceof cls, `expected ${cls.name}, got ${error}`);
    return error;
  }
  throw new Error(`expected ${cls.name}, nothing was raised`);
}

/**
 * Runs `body` and gives the reasons of the promise rejections the host saw
 * no handler for meanwhile (up to a host turn after it ends), instead of
 * letting one fail the test module.
 */
export async function unhandled_rejections(body: () => Promise<unknown>): Promise<unknown[]> {
  const reasons: unknown[] = [];
  // Node (the Node suite runs these tests there) has no such event on globalThis.
  const node_process = typeof globalThis.addEventListener === "function"
    ? null
    // deno-lint-ignore no-explicit-any
    : (globalThis as any).process;
  const listener = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    reasons.push(event.reason);
  };
  const node_listener = (reason: unknown) => reasons.push(reason);
  if (node_process) node_process.on("unhandledRejection", node_listener);
  else globalThis.addEventListener("unhandledrejection", listener);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    if (node_process) node_process.off("unhandledRejection", node_listener);
    else globalThis.removeEventListener("unhandledrejection", listener);
  }
  return reasons;
}

/**
 * The number of the line of `file` (a test's `import.meta.url`) that holds
 * `marker`, for checking where a report says something was made.
 */
export function line_of(file: string, marker: string): number {
  const lines = Deno.readTextFileSync(new URL(file)).split("\n");
  const index = lines.findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line of ${file} holds ${JSON.stringify(marker)}`);
  return index + 1;
}

/**
 * Runs `body` and returns what it returned with the delays (ms) of every
 * host timer set meanwhile: proof that virtual time waited for nothing real,
 * without timing the test (a loaded machine makes any bound flaky).
 */
export async function host_timer_delays<T>(
  body: () => Promise<T>,
): Promise<{ result: T; delays: number[] }> {
  const set_timeout = globalThis.setTimeout;
  const delays: number[] = [];
  globalThis.setTimeout =
    ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      delays.push(ms ?? 0);
      return set_timeout(handler, ms, ...args);
    }) as typeof setTimeout;
  try {
    return { result: await body(), delays };
  } finally {
    globalThis.setTimeout = set_timeout;
  }
}

/** Fails unless every host timer in `delays` was a turn of the host (0 ms), not a real wait. */
export function assert_no_real_wait(delays: number[]): void {
  assert.deepEqual(delays.filter((ms) => ms > 0), [], "virtual time set a host timer");
}
