/**
 * The link between library awaitables and the task whose async-function
 * step is running: a native `await x` calls `x.then(resolve, reject)` a
 * microtask later, and `then` hands the pair to that task.
 *
 * @module
 */

/** A task that can take over a native `await` of a library awaitable. */
export interface NativeAwaiter {
  /**
   * Takes over the `await` of `awaitable` by the running async function;
   * `false` when the call is not that task's await.
   */
  _native_await(
    awaitable: unknown,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
  ): boolean;
}

/**
 * `task`: the task whose async-function step is in progress, or `null`.
 * `detached`: the tasks whose async function is awaiting a foreign promise.
 * `sole_detached`: the one detached task when there is exactly one; a
 * library await made outside any step can only be its own.
 */
export const native: {
  task: NativeAwaiter | null;
  readonly detached: Set<NativeAwaiter>;
  sole_detached: NativeAwaiter | null;
} = { task: null, detached: new Set(), sole_detached: null };

/** Records that `task` detached (`true`) or came back (`false`). */
export function set_detached(task: NativeAwaiter, detached: boolean): void {
  if (detached) native.detached.add(task);
  else native.detached.delete(task);
  native.sole_detached = native.detached.size === 1
    ? native.detached.values().next().value as NativeAwaiter
    : null;
}
