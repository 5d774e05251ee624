/**
 * `gather`: run awaitables concurrently and collect their results in order.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import type { Awaitable } from "./coroutines.ts";
import { Coroutine } from "./coroutines.ts";
import { is_awaitable } from "./_checks.ts";
import { CancelledError, RuntimeError, ValueError } from "./exceptions.ts";
import { Future } from "./futures.ts";
import { repr } from "./_repr.ts";
import { _get_event_loop } from "./_running.ts";
import { ensure_future } from "./tasks.ts";
import { _stands_for } from "./graph.ts";

/** Options of `gather`. */
export interface GatherOptions {
  /** Return errors (and cancellations) as results instead of raising the first one. */
  return_exceptions?: boolean;
}

/** The result types of a tuple of awaitables. */
export type AwaitedAll<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: A[K] extends Awaitable<infer T> ? T : never;
};

/**
 * The result types of a tuple of awaitables gathered with
 * `return_exceptions: true`: each is its awaitable's result or the error it
 * raised, typed `Error` (what JavaScript code throws by convention; a
 * thrown non-Error value comes back as it is).
 */
export type AwaitedAllOrError<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: (A[K] extends Awaitable<infer T> ? T : never) | Error;
};

/** The options of a `gather` that returns errors in place: `{ return_exceptions: true }`. */
export interface ReturnExceptions extends GatherOptions {
  /** Return errors (and cancellations) as results. */
  return_exceptions: true;
}

/**
 * The Future `gather` returns: cancelling it cancels every child not done.
 *
 * @example
 * ```ts
 * import { coroutine, gather, GatheringFuture, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const all = gather(sleep(1, "a"), sleep(2, "b"));
 *   console.log(all instanceof GatheringFuture, await all); // true [ "a", "b" ]
 * })(), { clock: "virtual" });
 * ```
 */
export class GatheringFuture<T> extends Future<T> {
  /** @ignore */
  readonly _children: readonly Future<unknown>[];
  /** @ignore */
  _cancel_requested = false;

  /** Makes the outer Future of a `gather`; `gather` makes these. */
  constructor(children: readonly Future<unknown>[], loop: AbstractEventLoop) {
    super({ loop });
    this._children = children;
  }

  /** Cancels every child that is not done; `true` if any was. */
  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this._children) {
      if (child.cancel(msg)) cancelled = true;
    }
    if (cancelled) this._cancel_requested = true;
    return cancelled;
  }
}

function is_options(value: unknown): value is GatherOptions {
  return typeof value === "object" && value !== null && !(value instanceof Future) &&
    !Array.isArray(value) &&
    typeof (value as PromiseLike<unknown>).then !== "function" &&
    typeof (value as Iterator<unknown>).next !== "function";
}

const OPTION_NAMES = new Set(["return_exceptions"]);

/**
 * Checks every argument before anything is scheduled, so that a bad one
 * leaves no task behind; returns the loop to use (the first Future's, else
 * the running or current loop, as CPython).
 */
function check_awaitables(awaitables: readonly unknown[]): AbstractEventLoop {
  const first = awaitables[0];
  const loop = first instanceof Future ? first._loop : _get_event_loop();
  for (let index = 0; index < awaitables.length; index++) {
    const arg = awaitables[index];
    if (arg instanceof Future) {
      if (arg._loop !== loop) {
        throw new ValueError(
          `gather(): argument ${index + 1} belongs to a different loop than argument 1`,
        );
      }
    } else if (arg instanceof Coroutine) {
      if (arg._started) {
        throw new RuntimeError(
          `gather(): argument ${index + 1} is a coroutine that was already started: ${arg}`,
        );
      }
    } else if (!is_awaitable(arg)) {
      const hint = Array.isArray(arg) ? " (an array goes alone: gather(awaitables, options?))" : "";
      throw new TypeError(
        `gather(): argument ${index + 1} must be a Future, a coroutine or an awaitable, got ${
          repr(arg)
        }${hint}`,
      );
    }
  }
  return loop;
}

/**
 * Runs awaitables concurrently; the result lists their results in argument
 * order. Without `return_exceptions` the first error is raised while the
 * others keep running; with it, errors are returned in place. Cancelling
 * the gather cancels the children; a child cancelled on its own cancels the
 * gather (or is returned as a `CancelledError`).
 *
 * @param args The awaitables, then optionally `{ return_exceptions }`.
 * @returns A Future of the results.
 * @throws {TypeError} When an argument is not awaitable (the message gives its
 * position), or the options object has an unknown key.
 * @throws {ValueError} When Futures of different loops are mixed.
 * @throws {RuntimeError} When a coroutine argument was already started.
 *
 * @example
 * ```ts
 * import { coroutine, gather, run, sleep } from "@aiots/asyncio";
 * const results = await run(coroutine(async () => {
 *   return await gather(sleep(2, "slow"), sleep(1, "fast"));
 * })(), { clock: "virtual" });
 * console.log(results); // [ "slow", "fast" ]
 * ```
 *
 * @example With `return_exceptions: true`, each result is typed `T | Error`
 * ```ts
 * import { coroutine, gather, run, sleep } from "@aiots/asyncio";
 * const fail = coroutine(async () => {
 *   throw new Error("boom");
 * });
 * const [n, error] = await run(coroutine(async () => {
 *   return await gather(sleep(1, 1), fail(), { return_exceptions: true });
 * })(), { clock: "virtual" });
 * console.log(n, error instanceof Error ? error.message : error); // 1 boom
 * ```
 */
export function gather<A extends readonly Awaitable<unknown>[]>(
  ...args: [...A, ReturnExceptions]
): GatheringFuture<AwaitedAllOrError<A>>;
/**
 * `gather` without options: the results are typed as the awaitables'
 * results.
 *
 * @param args The awaitables.
 * @returns A Future of the results.
 *
 * @example
 * ```ts
 * import { coroutine, gather, run, sleep } from "@aiots/asyncio";
 * const [a, b] = await run(coroutine(async () => {
 *   return await gather(sleep(2, "slow"), sleep(1, 2));
 * })(), { clock: "virtual" });
 * console.log(a.toUpperCase(), b + 1); // SLOW 3
 * ```
 */
export function gather<A extends readonly Awaitable<unknown>[]>(
  ...args: [...A]
): GatheringFuture<AwaitedAll<A>>;
/**
 * `gather` with an options object whose `return_exceptions` is not the
 * literal `true`: the results are typed as the awaitables' results.
 *
 * @param args The awaitables, then `{ return_exceptions }`.
 * @returns A Future of the results.
 *
 * @example
 * ```ts
 * import { coroutine, gather, run, sleep } from "@aiots/asyncio";
 * const [a] = await run(coroutine(async () => {
 *   return await gather(sleep(1, "a"), { return_exceptions: false });
 * })(), { clock: "virtual" });
 * console.log(a.toUpperCase()); // A
 * ```
 */
export function gather<A extends readonly Awaitable<unknown>[]>(
  ...args: [...A, GatherOptions]
): GatheringFuture<AwaitedAll<A>>;
/**
 * `gather` of an array of awaitables with `return_exceptions: true`: each
 * result is the awaitable's result or its error.
 *
 * @param awaitables The awaitables.
 * @param options `{ return_exceptions: true }`.
 * @returns A Future of the results, in the array's order.
 *
 * @example
 * ```ts
 * import { coroutine, gather, run, sleep } from "@aiots/asyncio";
 * const fail = coroutine(async () => {
 *   throw new Error("boom");
 * });
 * const results = await run(coroutine(async () => {
 *   return await gather([sleep(1, 1), fail()], { return_exceptions: true });
 * })(), { clock: "virtual" });
 * console.log(results.map((r) => r instanceof Error ? r.message : r)); // [ 1, "boom" ]
 * ```
 */
export function gather<A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options: ReturnExceptions,
): GatheringFuture<AwaitedAllOrError<A>>;
/**
 * `gather` of an array of awaitables, for more than a call can take:
 * `gather(...awaitables)` stops at V8's argument limit (about 120,000).
 *
 * @param awaitables The awaitables.
 * @param options `{ return_exceptions }`.
 * @returns A Future of the results, in the array's order.
 *
 * @example
 * ```ts
 * import { coroutine, gather, run, sleep } from "@aiots/asyncio";
 * const results = await run(coroutine(async () => {
 *   const sleepers = Array.from({ length: 150_000 }, (_, i) => sleep(1, i));
 *   return await gather(sleepers, { return_exceptions: true });
 * })(), { clock: "virtual" });
 * console.log(results.length); // 150000
 * ```
 */
export function gather<A extends readonly Awaitable<unknown>[]>(
  awaitables: A,
  options?: GatherOptions,
): GatheringFuture<AwaitedAll<A>>;
export function gather<A extends readonly Awaitable<unknown>[]>(
  ...args: [...A] | [...A, GatherOptions]
): GatheringFuture<AwaitedAll<A>> {
  let awaitables = args as unknown[];
  if (Array.isArray(awaitables[0])) {
    if (awaitables.length === 1) awaitables = awaitables[0];
    else if (awaitables.length === 2 && is_options(awaitables[1])) {
      awaitables = [...awaitables[0], awaitables[1]];
    }
  }
  let return_exceptions = false;
  if (awaitables.length > 0 && is_options(awaitables[awaitables.length - 1])) {
    const options = awaitables[awaitables.length - 1] as GatherOptions;
    for (const key of Object.keys(options)) {
      if (!OPTION_NAMES.has(key)) {
        throw new TypeError(
          `gather(): unknown option '${key}' (the only option is return_exceptions)`,
        );
      }
    }
    return_exceptions = Boolean(options.return_exceptions);
    awaitables = awaitables.slice(0, -1);
  }
  if (awaitables.length === 0) {
    const outer = new GatheringFuture<AwaitedAll<A>>([], _get_event_loop());
    outer.set_result([] as unknown as AwaitedAll<A>);
    return outer;
  }

  const loop = check_awaitables(awaitables);
  // The children are awaited by the task that gathers them (call graphs).
  const current = loop._current_task;
  if (current !== null) _stands_for(on_child_done, current);
  const arg_to_future = new Map<unknown, Future<unknown>>();
  const children: Future<unknown>[] = [];
  const done_futures: Future<unknown>[] = [];
  for (const arg of awaitables) {
    let future = arg_to_future.get(arg);
    if (future === undefined) {
      future = ensure_future(arg as Awaitable<unknown>, loop);
      arg_to_future.set(arg, future);
      if (future.done()) done_futures.push(future);
      else future.add_done_callback(on_child_done);
    }
    children.push(future);
  }
  const count = arg_to_future.size;
  let finished = 0;
  const outer = new GatheringFuture<AwaitedAll<A>>(children, loop);

  function on_child_done(future: Future<unknown>): void {
    finished++;
    if (outer.done()) {
      if (!future.cancelled()) future.exception(); // mark it retrieved
      return;
    }
    if (!return_exceptions) {
      if (future.cancelled()) {
        outer.set_exception(future._make_cancelled_error());
        return;
      }
      const error = future.exception();
      if (error !== null) {
        outer.set_exception(error);
        return;
      }
    }
    if (finished === count) {
      const results = children.map((child) => {
        if (child.cancelled()) return new CancelledError(child._cancel_message ?? undefined);
        const error = child.exception();
        return error !== null ? error : child.result();
      });
      // CPython reads the error from the last child here (its loop variable
      // outlives the loop), whichever child finished last.
      if (outer._cancel_requested) {
        outer.set_exception(children[children.length - 1]._make_cancelled_error());
      } else {
        outer.set_result(results as unknown as AwaitedAll<A>);
      }
    }
  }

  for (const future of done_futures) on_child_done(future);
  return outer;
}
