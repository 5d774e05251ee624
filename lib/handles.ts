/**
 * Handles for scheduled callbacks (`Handle`, `TimerHandle`) and what the
 * loop's ready queue holds. Below the loop: `base_events.ts` imports this
 * module, and this module needs nothing of the loop but its interface
 * (`AbstractEventLoop`).
 *
 * @module
 */

import { format_callback } from "./_repr.ts";
import { created_at, creation_stack_of, record_creation } from "./_debug.ts";
import type { AbstractEventLoop } from "./abstract_loop.ts";
import { type Context, context_state, type ContextHolder } from "./contextvars.ts";

// deno-lint-ignore no-explicit-any
type AnyCallback = (...args: any[]) => unknown;

/**
 * What the loop's ready queue holds: a `Handle`, or a task due for its next
 * step (a task is its own entry, so a step costs no `Handle`).
 *
 * @ignore
 */
export interface Runnable {
  /** Runs the entry; a cancelled `Handle` does nothing. */
  _run(): void;
}

/**
 * The `_args` of a handle whose callback takes the one argument `_arg`.
 *
 * A handle's `_args` says how its callback is called, one convention per
 * scheduling helper of the loop:
 * - an array (`call_soon(cb, ...args)`, `_call_soon(cb, args)`):
 *   `cb(...args)`;
 * - `null` (`call_soon(cb)`, `_call_soon(cb, null)`): `cb()`, no array;
 * - `ONE_ARG` (`_call_soon1(cb, arg)`, `_call_at1`): `cb(arg)`, with the
 *   argument in `_arg`. The loop's own callbacks (done callbacks, wake-ups,
 *   timers of `sleep`) take one argument; this saves an array per call.
 *
 * @ignore
 */
export const ONE_ARG: readonly unknown[] = Object.freeze([]);

/**
 * A callback scheduled by `call_soon`: it can be cancelled until it runs.
 *
 * @example
 * ```ts
 * import { new_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop();
 * const handle = loop.call_soon(() => console.log("never"));
 * handle.cancel();
 * console.log(handle.cancelled()); // true
 * loop.close();
 * ```
 */
export class Handle implements Runnable, ContextHolder {
  /** @ignore */
  _callback: AnyCallback | null;
  /** @ignore */
  _args: unknown[] | null;
  /**
   * The single argument when `_args` is `ONE_ARG`: the loop's own callbacks
   * (task steps, done callbacks) take one and need no arguments array.
   *
   * @ignore
   */
  _arg: unknown = undefined;
  /** @ignore */
  _cancelled = false;
  /** @ignore */
  readonly _loop: AbstractEventLoop;
  /**
   * The Context the callback runs in; undefined (or `null`) for an empty
   * one, made only if the callback sets a variable. Undefined unless given:
   * the loop's own handles have no slot for it.
   *
   * @ignore
   */
  declare _context?: Context | null;

  /** Makes a handle for `callback(...args)`; the loop makes these. */
  constructor(callback: AnyCallback, args: unknown[] | null, loop: AbstractEventLoop) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
    if (loop._debug) record_creation(this);
  }

  /**
   * Where the handle was made, oldest frame first, when debug mode was on.
   *
   * @ignore
   */
  get _source_traceback(): string | null {
    return creation_stack_of(this);
  }

  /** Cancels the callback; does nothing if it already ran or was cancelled. */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      this._callback = null;
      this._args = null;
      this._arg = undefined;
    }
  }

  /** Whether the handle was cancelled. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /** @ignore */
  _run(): void {
    if (this._cancelled) return;
    const args = this._args;
    const outer = context_state.holder;
    context_state.holder = this;
    try {
      if (args === ONE_ARG) (this._callback as AnyCallback)(this._arg);
      else if (args === null) (this._callback as AnyCallback)();
      else (this._callback as AnyCallback).apply(undefined, args);
    } catch (exception) {
      context_state.holder = outer; // the handler runs in the loop's context, not the callback's
      const context: ExceptionContext = {
        message: `Exception in callback ${format_callback(this._callback, this._arguments())}`,
        exception,
        handle: this,
      };
      const stack = creation_stack_of(this);
      if (stack !== null) context.source_traceback = stack;
      this._loop.call_exception_handler(context);
    }
    // No `finally`: restored on both ways out, which measured cheaper.
    context_state.holder = outer;
  }

  /** Describes the handle as asyncio does: `<Handle cb(1)>`. */
  toString(): string {
    return this._describe();
  }

  /** The arguments the callback is called with. */
  private _arguments(): unknown[] | null {
    return this._args === ONE_ARG ? [this._arg] : this._args;
  }

  /** `<Handle cb(args) at file:line>`, as asyncio describes handles. */
  private _describe(): string {
    const parts = [this.constructor.name];
    if (this._cancelled) parts.push("cancelled");
    if (this._callback !== null) parts.push(format_callback(this._callback, this._arguments()));
    if (this instanceof TimerHandle) parts.splice(1, 0, `when=${this._when}`);
    return `<${parts.join(" ")}${created_at(this)}>`;
  }
}

/**
 * A callback scheduled for a time by `call_later` or `call_at`.
 *
 * @example
 * ```ts
 * import { new_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop({ clock: "virtual" });
 * const timer = loop.call_later(5, () => {});
 * console.log(timer.when()); // 5
 * timer.cancel();
 * loop.close();
 * ```
 */
export class TimerHandle extends Handle {
  /** @ignore */
  readonly _when: number;
  /** @ignore */
  readonly _seq: number;
  /** @ignore */
  _scheduled = false;

  /** Makes a timer handle; the loop makes these. */
  constructor(
    when: number,
    seq: number,
    callback: AnyCallback,
    args: unknown[] | null,
    loop: AbstractEventLoop,
  ) {
    super(callback, args, loop);
    this._when = when;
    this._seq = seq;
  }

  /** The loop time, in seconds, the callback is scheduled for. */
  when(): number {
    return this._when;
  }

  /** Cancels the timer; the loop drops it from its heap lazily. */
  override cancel(): void {
    if (!this._cancelled) this._loop._timer_handle_cancelled(this);
    super.cancel();
  }
}

/** The context passed to an exception handler, with asyncio's keys. */
export interface ExceptionContext {
  /** What happened, in asyncio's words ("Exception in callback ..."). */
  message: string;
  /** The error, if any. */
  exception?: unknown;
  /**
   * The Future involved, if any; when the garbage collector took it (an
   * error never retrieved), an object describing it as it was.
   */
  future?: unknown;
  /** The Task involved, if any; described in the same way when it was collected. */
  task?: unknown;
  /** The Handle involved, if any. */
  handle?: Handle;
  /** Where the object was created, in debug mode. */
  source_traceback?: string;
  /** Other keys, as asyncio allows. */
  [key: string]: unknown;
}
