/**
 * The link between library awaitables and the task whose async-function
 * step is running: a native `await x` calls `x.then(resolve, reject)` a
 * microtask later, and `then` hands the pair to that task.
 *
 * Where the runtime has `AsyncLocalStorage` (Deno, Node, Bun), the loop
 * runs its callbacks in an async context of its own, so a `then` call made
 * by plain JavaScript outside the loop (which has no such context) is never
 * taken for a task's await.
 *
 * @module
 */

import { RuntimeError } from "./exceptions.ts";

/** A task that can take over a native `await` of a library awaitable. */
export interface NativeAwaiter {
  /**
   * Takes over the `await` of `awaitable` by the running async function,
   * to be resumed with `resolve` (given a rejected promise to throw);
   * `false` when the call is not that task's await.
   */
  _native_await(awaitable: unknown, resolve: (value: unknown) => void): boolean;
}

/** The parts of `AsyncLocalStorage` used here. */
interface AsyncContext {
  run<A extends unknown[], R>(store: unknown, fn: (...args: A) => R, ...args: A): R;
  getStore(): unknown;
}

function make_async_context(): AsyncContext | null {
  try {
    // deno-lint-ignore no-explicit-any
    const process = (globalThis as any).process;
    const hooks = process?.getBuiltinModule?.("node:async_hooks");
    return typeof hooks?.AsyncLocalStorage === "function" ? new hooks.AsyncLocalStorage() : null;
  } catch {
    return null; // not offered by this runtime
  }
}

/**
 * The async context whose store is the running loop while it runs (and in
 * everything its callbacks start), `undefined` for code outside any loop;
 * `null` where the runtime has none. One `run` per `run_forever`: a context
 * per task would cost about a microsecond a task.
 */
export const async_context: AsyncContext | null = make_async_context();

/**
 * `task`: the task whose async-function step is in progress, or `null`.
 * `detached`: the untracked tasks whose async function is awaiting a
 * foreign promise.
 * `sole_detached`: the one such task when there is exactly one; a library
 * await made by untracked code outside any step can only be its own.
 * `tracking`: whether any task is tracked (see `run_tracked`).
 */
export const native: {
  task: NativeAwaiter | null;
  readonly detached: Set<NativeAwaiter>;
  sole_detached: NativeAwaiter | null;
  tracking: boolean;
} = { task: null, detached: new Set(), sole_detached: null, tracking: false };

/** The tasks whose async function runs in an async context of its own. */
const tracked = new WeakSet<NativeAwaiter>();

/**
 * Starts `task`'s async function with `start` in an async context whose
 * store is the task: every `then()` call its code makes, after any foreign
 * await, names the task, so none is taken for another's. It costs about a
 * quarter of a microsecond and 400 B a task, so the loop tracks only once
 * foreign awaits appear (see `Task._start`).
 */
export function run_tracked<T>(task: NativeAwaiter, start: () => T): T {
  if (async_context === null) return start();
  tracked.add(task);
  native.tracking = true;
  return async_context.run(task, start);
}

/** Whether `task`'s async functions run in an async context of their own. */
export function is_tracked(task: NativeAwaiter): boolean {
  return native.tracking && tracked.has(task);
}

/**
 * Calls `fn(arg)` in `task`'s async context if the task is tracked and the
 * caller is not already in it: what the library starts for a task from a
 * loop callback (a body of `async_with` after a wait, a coroutine awaited
 * inside it) then names the task after any foreign await too.
 */
export function call_as<A, R>(task: NativeAwaiter, fn: (arg: A) => R, arg: A): R {
  if (async_context === null || !is_tracked(task) || async_context.getStore() === task) {
    return fn(arg);
  }
  return async_context.run(task, fn, arg);
}

function is_awaiter(store: unknown): store is NativeAwaiter {
  return typeof (store as NativeAwaiter)._native_await === "function";
}

/** The task a `then(resolve, reject)` call made now belongs to, or `null` for plain JavaScript. */
export function awaiting_task(): NativeAwaiter | null | typeof UNKNOWN_TASK {
  if (async_context !== null) {
    const store = async_context.getStore();
    if (store === undefined) return null; // outside any loop
    if (native.tracking && is_awaiter(store)) return store;
  }
  // Untracked code: a tracked task's window is not its.
  const task = native.task;
  if (task !== null && !is_tracked(task)) return task;
  if (native.detached.size > 1) return UNKNOWN_TASK;
  return native.sole_detached;
}

/**
 * What `awaiting_task` gives for an await made outside any step while
 * several untracked tasks are detached: it is one of theirs (or plain
 * JavaScript's), and nothing tells which.
 */
export const UNKNOWN_TASK: unique symbol = Symbol("unknown task");

function unknown_task_error(awaitable: unknown): RuntimeError {
  return new RuntimeError(
    `cannot tell which task awaits ${awaitable}: ${native.detached.size} tasks started before ` +
      "their loop's first foreign await are awaiting foreign promises at once, and this runtime " +
      "does not say whose code this is. Start the loop with { track_tasks: true } (where the " +
      "runtime has AsyncLocalStorage), or await foreign promises through wrap_future(), or " +
      "write the coroutine as a generator (see docs/ordering.md)",
  );
}

/**
 * Hands a `then(onfulfilled, onrejected)` call on a library awaitable to
 * the task whose await it is; `false` when it is plain JavaScript's, to be
 * answered as a Promise would. A hand-written call whose first handler is
 * anonymous cannot be told from an `await` here (telling them apart by source
 * costs a quarter of an await), so it is taken for one: docs/ordering.md
 * says so.
 */
export function hand_to_task(
  awaitable: unknown,
  onfulfilled: unknown,
  onrejected: unknown,
): boolean {
  if (typeof onfulfilled !== "function" || typeof onrejected !== "function") return false;
  // V8's `await` passes anonymous resolving functions: a then() call with a
  // named handler is hand-written, answered as a Promise's. (A read of
  // `name` costs 20 ns here; each further check would cost as much.)
  if (onfulfilled.name !== "") return false;
  const task = awaiting_task();
  if (task === UNKNOWN_TASK) {
    // Never a guess: the await fails, and with it the coroutine, unless it catches it.
    (onrejected as (reason: unknown) => void)(unknown_task_error(awaitable));
    return true;
  }
  return task !== null &&
    task._native_await(awaitable, onfulfilled as (value: unknown) => void);
}

/** Records that `task` detached (`true`) or came back (`false`); tracked tasks need no record. */
export function set_detached(task: NativeAwaiter, detached: boolean): void {
  if (is_tracked(task)) return;
  if (detached) native.detached.add(task);
  else native.detached.delete(task);
  native.sole_detached = native.detached.size === 1
    ? native.detached.values().next().value as NativeAwaiter
    : null;
}

/** Ends `task`'s window, if it has it: `then` calls are no longer taken for its await by default. */
export function close_window(task: NativeAwaiter): void {
  if (native.task === task) native.task = null;
}
