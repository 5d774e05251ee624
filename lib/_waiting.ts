/**
 * What the classes whose methods wait share: the names and arguments of
 * their coroutine bodies (`_named`, `_NO_ARGS`), the loop they bind to on
 * first use (`_get_loop`), and their queues of waiters (`_wait_in_line`,
 * `_remove_waiter`).
 * Private: `locks.ts`, `queues.ts`, the stream and subprocess modules,
 * `threads.ts` and `testing.ts` import it.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import type { Deque } from "./_deque.ts";
import type { Future } from "./futures.ts";
import { RuntimeError } from "./exceptions.ts";
import { _get_running_loop } from "./_running.ts";

/** Gives a generator function the name its coroutines report (`Lock.acquire`). */
export function _named<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

/**
 * The arguments of coroutines that take none: shared, never mutated.
 */
export const _NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

/** Something bound to the loop it first waits on, as asyncio's `_LoopBoundMixin`. */
interface LoopBound {
  _loop: AbstractEventLoop | null;
}

/**
 * The running loop, binding `owner` to it on first use.
 *
 * @throws {RuntimeError} When no loop runs, or `owner` is bound to another loop.
 */
export function _get_loop(owner: LoopBound): AbstractEventLoop {
  const loop = _get_running_loop();
  if (loop === null) {
    throw new RuntimeError(`${owner} can only wait inside a running event loop`);
  }
  if (owner._loop === null) owner._loop = loop;
  else if (owner._loop !== loop) {
    throw new RuntimeError(`${owner} is bound to a different event loop`);
  }
  return loop;
}

/**
 * Waits in line: queues `waiter` on `waiters` and waits for it; it leaves
 * the queue however the wait ends (woken, cancelled, or thrown into).
 */
export function* _wait_in_line<T>(
  waiters: Deque<Future<T>>,
  waiter: Future<T>,
): Generator<unknown, void, unknown> {
  waiters.push(waiter);
  try {
    yield waiter;
  } finally {
    _remove_waiter(waiters, waiter);
  }
}

/**
 * Removes `waiter` from `waiters`; O(1) for the front, where woken waiters are.
 */
export function _remove_waiter<T>(waiters: Deque<T>, waiter: T): void {
  if (waiters.peek() === waiter) waiters.shift();
  else waiters.remove(waiter);
}
