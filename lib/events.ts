/**
 * The running and current event loops (`get_running_loop`,
 * `get_event_loop`, `set_event_loop`, `new_event_loop`), and the handle and
 * exception-context types of asyncio's `events` module. Above the loop: it
 * imports `base_events.ts` (to make and recognise an `EventLoop`), which
 * does not import it.
 *
 * @module
 */

import { RuntimeError } from "./exceptions.ts";
import { EventLoop, type EventLoopOptions } from "./base_events.ts";
import { _get_event_loop, _get_running_loop, _set_current_loop } from "./_running.ts";

export { type ExceptionContext, Handle, TimerHandle } from "./handles.ts";
export type { ExceptionHandler } from "./base_events.ts";

/**
 * The running event loop.
 *
 * @returns The loop that is running now.
 * @throws {RuntimeError} When no loop is running.
 *
 * @example
 * ```ts
 * import { coroutine, get_running_loop, run } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   console.log(get_running_loop().is_running()); // true
 * })());
 * ```
 */
export function get_running_loop(): EventLoop {
  // `_running.ts` holds only `EventLoop`s (see there), typed as the
  // interface it may import.
  const loop = _get_running_loop() as EventLoop | null;
  if (loop === null) throw new RuntimeError("no running event loop");
  return loop;
}

/**
 * The running loop if there is one, else the current loop (set by
 * `set_event_loop`), made on first use.
 *
 * @returns An event loop.
 *
 * @example
 * ```ts
 * import { get_event_loop } from "@aiots/asyncio";
 * const loop = get_event_loop();
 * console.log(loop.is_closed()); // false
 * ```
 */
export function get_event_loop(): EventLoop {
  return _get_event_loop() as EventLoop;
}

/**
 * Sets the current loop, the one `get_event_loop()` returns when none runs.
 *
 * @param loop The loop, or `null` to clear it.
 *
 * @example
 * ```ts
 * import { get_event_loop, new_event_loop, set_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop();
 * set_event_loop(loop);
 * console.log(get_event_loop() === loop); // true
 * set_event_loop(null);
 * loop.close();
 * ```
 */
export function set_event_loop(loop: EventLoop | null): void {
  if (loop !== null && !(loop instanceof EventLoop)) {
    throw new TypeError(`set_event_loop(): loop must be an EventLoop or null, got ${typeof loop}`);
  }
  _set_current_loop(loop);
}

/**
 * Makes a new event loop.
 *
 * @param options `debug` turns on debug mode; `clock: "virtual"` gives a
 * clock that starts at 0 and jumps to the next timer when nothing is ready,
 * `clock: "manual"` one that moves only when a test advances it;
 * `deadlock: false` lets a loop on either wait for outside work it cannot
 * see rather than raise when it can never go on.
 * @returns The new loop, not running and not set as current.
 *
 * @example A loop with a virtual clock
 * ```ts
 * import { new_event_loop, sleep } from "@aiots/asyncio";
 * const loop = new_event_loop({ clock: "virtual" });
 * await loop.run_until_complete(sleep(3600));
 * console.log(loop.time()); // 3600
 * loop.close();
 * ```
 */
export function new_event_loop(options?: EventLoopOptions): EventLoop {
  return new EventLoop(options);
}
