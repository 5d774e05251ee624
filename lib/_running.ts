/**
 * The running loop and the current loop: what the modules below the loop
 * (`futures`, `tasks`, `coroutines`, `_debug`) need of one at run time,
 * without importing the loop class. `base_events.ts` imports them, so they
 * must not import it back; they name a loop by the `AbstractEventLoop`
 * interface of `abstract_loop.ts`, which `EventLoop` implements. The loops
 * held here are always `EventLoop`s: `base_events.ts` is the only module
 * that sets the running loop or makes one, and `events.ts`'s
 * `set_event_loop` accepts nothing else.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";

let running_loop: AbstractEventLoop | null = null;
let current_loop: AbstractEventLoop | null = null;
let make_loop: (() => AbstractEventLoop) | null = null;

/** The loop that is running now, or `null`. */
export function _get_running_loop(): AbstractEventLoop | null {
  return running_loop;
}

/** Records the loop that starts or stops running. */
export function _set_running_loop(loop: AbstractEventLoop | null): void {
  running_loop = loop;
}

/** Sets the current loop, the one returned when none runs. */
export function _set_current_loop(loop: AbstractEventLoop | null): void {
  current_loop = loop;
}

/**
 * Registers how to make a default loop. The one lookup that goes up the
 * layers: a Future or Task made when no loop runs and none is current needs
 * a new `EventLoop`, which only `base_events.ts` can make, and it calls this
 * once when it loads (every entry point loads it). A static import of the
 * class here would close a cycle; ES modules have no synchronous lazy
 * import, so the class registers itself.
 */
export function _set_loop_maker(maker: () => AbstractEventLoop): void {
  make_loop = maker;
}

/** The running loop, else the current loop, made on first use. */
export function _get_event_loop(): AbstractEventLoop {
  if (running_loop !== null) return running_loop;
  if (current_loop === null || current_loop.is_closed() && current_loop._made_by_default) {
    if (make_loop === null) throw new Error("the event loop module was not loaded");
    current_loop = make_loop();
    current_loop._made_by_default = true;
  }
  return current_loop;
}
