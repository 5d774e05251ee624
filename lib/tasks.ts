/**
 * Tasks: Futures that drive a coroutine, one step at a time, on the loop.
 * Also `ensure_future`, `sleep`, `current_task` and `all_tasks`, as
 * asyncio's `tasks` module.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { type Awaitable, Coroutine, type CoroutineLike, InlineCall } from "./coroutines.ts";
import { check_seconds, is_awaitable, isgenerator } from "./_checks.ts";
import { CancelledError, InvalidStateError, RuntimeError, ValueError } from "./exceptions.ts";
import {
  _chain_thenable,
  _error_of,
  _own_rejection,
  _set_result_unless_cancelled,
  FINISHED,
  Future,
  PENDING,
} from "./futures.ts";
import {
  async_context,
  call_as,
  is_tracked,
  native,
  run_tracked,
  set_detached,
} from "./_native.ts";
import {
  _capture_context,
  _check_context,
  Context,
  context_state,
  type ContextHolder,
} from "./contextvars.ts";
import { repr } from "./_repr.ts";
import { _get_event_loop, _get_running_loop } from "./_running.ts";
import type { TimerHandle } from "./handles.ts";
import { created_at, DebugTasks } from "./_debug.ts";
import { type CallFrame, is_machinery, parse_stack, suspended_frames } from "./_frames.ts";
import type { ExecutorJob } from "./executors.ts";

/** Options of `create_task` and the `Task` constructor. */
export interface TaskOptions {
  /** The task's name; `Task-<n>` when not given. */
  name?: string | null;
  /** Cancels the task when it aborts (with the abort reason as message when it is a string). */
  signal?: AbortSignal;
  /** The Context every step runs in; a copy of the current one when not given. */
  context?: Context | null;
  /**
   * Runs the coroutine's first step now, inside the call, when the loop is
   * running (Python 3.12's `Task(eager_start=True)`, 3.14's
   * `create_task(eager_start=True)`); see `eager_task_factory`.
   */
  eager_start?: boolean;
}

/** Options of the `Task` constructor. */
export interface TaskConstructorOptions extends TaskOptions {
  /** The loop to run on: the running loop, else `get_event_loop()`. */
  loop?: AbstractEventLoop;
}

// How a value goes into the coroutine: `gen.next(value)` or `gen.throw(value)`.
// One number argument instead of two methods per path (step, finish, resume).
const SEND = 0;
const THROW = 1;
type Mode = typeof SEND | typeof THROW;

// What handling an awaited value decided (`_await`, `_start`, `_enter`,
// `_sleep` return one). A number, not an object: a step allocates nothing
// to say what comes next.
const BLOCKED = 0; // the task waits: on a Future, or for its next step
const CONTINUE = 1; // go on in this step with `resume_mode`/`resume_value`
const RUNNING_NATIVE = 2; // an async function is running; it reports back
type Decision = typeof BLOCKED | typeof CONTINUE | typeof RUNNING_NATIVE;

/** One level of the task's coroutine stack: a generator, or an async function. */
type Frame = GeneratorFrame | NativeFrame;

/** A generator coroutine on the task's stack; the task calls `next`/`throw`. */
class GeneratorFrame {
  /** The generator. */
  readonly gen: Generator<unknown, unknown, unknown>;
  /** The frame that awaits this one. */
  readonly parent: Frame | null;
  /** The coroutine it runs, for call graphs; `null` for a plain generator object. */
  readonly coro: Coroutine<unknown> | null;

  constructor(
    gen: Generator<unknown, unknown, unknown>,
    parent: Frame | null,
    coro: Coroutine<unknown> | null,
  ) {
    this.gen = gen;
    this.parent = parent;
    this.coro = coro;
  }
}

/** An async function on the task's stack; it hands its awaits to the task. */
class NativeFrame {
  /** The frame that awaits this one. */
  readonly parent: Frame | null;
  /**
   * How to resume the async function's pending `await`, once it has one:
   * with a value, or with a rejected promise to throw an error there (so
   * that the frame keeps one of the await's two functions, not both).
   */
  resolve: ((value: unknown) => void) | null = null;
  /**
   * The async function's promise, until the task subscribes to it (see
   * `Task._watch_native`).
   */
  body: PromiseLike<unknown> | null;
  /** The coroutine it runs, for call graphs; `null` for an async function called inline. */
  readonly coro: Coroutine<unknown> | null;
  /** The JavaScript stack at its last library await, in debug mode (call graphs); undefined until then. */
  declare site?: string | null;

  constructor(body: PromiseLike<unknown>, parent: Frame | null, coro: Coroutine<unknown> | null) {
    this.parent = parent;
    this.body = body;
    this.coro = coro;
  }
}

/**
 * A coroutine frame of a task, for call graphs.
 *
 * @ignore
 */
export interface TaskFrame {
  /** The coroutine function's name; `null` for an async function called inline or a plain generator. */
  name: string | null;
  /** An async function or a generator. */
  kind: "async" | "generator";
  /** The JavaScript stack at its last library await (async functions, debug mode). */
  site: string | null;
}

let task_counter = 0;

/** The task in its eager first step (`Task._eager_start`), if any: a global, not a field per task. */
let eager_task: Task<unknown> | null = null;

/** The controllers of the tasks whose `signal` was read: most tasks never need one. */
const task_aborts = new WeakMap<Task<unknown>, AbortController>();

// What a CONTINUE decision resumes the coroutine with: out-parameters of the
// decision, written only by `resume_with` and read right after it through
// `take_resume_value`. One module-wide pair instead of a `{ mode, value }`
// object per awaited value that is already done (an uncontended lock, a
// finished Future); no task carries it.
let resume_mode: Mode = SEND;
let resume_value: unknown = undefined;

/** Decides CONTINUE, resuming the coroutine with `value` sent (SEND) or thrown (THROW). */
function resume_with(mode: Mode, value: unknown): Decision {
  resume_mode = mode;
  resume_value = value;
  return CONTINUE;
}

/** Reads the value of a CONTINUE decision, once: the slot must not keep it (or a task) alive. */
function take_resume_value(): unknown {
  const value = resume_value;
  resume_value = undefined;
  return value;
}

// The loop's helpers that advance a task from a Handle enter the task's
// Context; the Handle restores the one before when the callback returns.

function throw_step(task: Task<unknown>, error: unknown): void {
  context_state.holder = task;
  task._step(THROW, error);
}

/**
 * A Future that runs a coroutine. The loop advances the coroutine one step
 * at a time; `cancel()` throws `CancelledError` into it at the await it is
 * suspended on.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * const main = coroutine(async () => {
 *   const task = create_task(sleep(1, "done"), { name: "sleeper" });
 *   console.log(task.get_name(), await task); // sleeper done
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export class Task<T> extends Future<T> implements ContextHolder {
  /** @ignore */
  readonly _coro: CoroutineLike<T>;
  /**
   * The Context every step runs in; `null` or undefined for an empty
   * one, made only if the task sets a variable. Undefined unless there is
   * one: a task that never meets a context variable has no slot for it.
   *
   * @ignore
   */
  declare _context?: Context | null;
  /**
   * The name given, else the task's number: `get_name()` formats
   * `Task-<number>` when asked, which saves a string per unnamed task.
   * @ignore
   */
  _name: string | number;
  /** @ignore */
  _fut_waiter: Future<unknown> | null = null;
  /** @ignore */
  _must_cancel = false;
  /** @ignore */
  _num_cancels_requested = 0;
  /** @ignore */
  _detached = false;
  /** @ignore */
  _prev_task: Task<unknown> | null = null;
  /** @ignore */
  _next_task: Task<unknown> | null = null;
  /** The innermost frame; `null` before the first step and after the last. */
  #frame: Frame | null = null;

  /**
   * Wraps `coro` and schedules its first step; prefer `create_task`.
   *
   * A coroutine that was already started makes the task fail with
   * `RuntimeError` at its first step, as in CPython.
   *
   * @throws {TypeError} When `coro` is not a coroutine or generator.
   */
  constructor(coro: CoroutineLike<T>, options?: TaskConstructorOptions) {
    super(options);
    if (coro instanceof Coroutine) {
      // started on the first step
    } else if (isgenerator(coro)) {
      this.#frame = new GeneratorFrame(coro, null, null);
    } else {
      _own_rejection(coro); // refused: its error is not the caller's to see
      throw new TypeError(`a coroutine was expected, got ${repr(coro)}`);
    }
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(
        `create_task(): options.signal must be an AbortSignal, got ${repr(signal)}`,
      );
    }
    this._coro = coro;
    const context = _check_context(options?.context, "create_task()") ?? _capture_context();
    if (context !== null) this._context = context;
    const name = options?.name;
    const number = ++task_counter; // named tasks advance the counter too, as in CPython 3.12
    this._name = name != null ? String(name) : number;
    const loop = this._loop;
    if (loop._debug) {
      (loop._debug_tasks ??= new DebugTasks(loop)).add(this as Task<unknown>);
    } else {
      const last = loop._last_task;
      if (last !== null) {
        last._next_task = this as Task<unknown>;
        this._prev_task = last;
      }
      loop._last_task = this as Task<unknown>;
    }
    if (signal !== undefined) this._follow_signal(signal);
    if (options?.eager_start === true && loop.is_running()) this._eager_start();
    else loop._schedule(this);
  }

  /**
   * Runs the first step inside the constructor, as the current task, and
   * gives the loop back to the caller's task: a task that finishes there
   * is done without ever being scheduled. An async function runs eagerly
   * up to its first await, in an async context of its own (so that
   * `then()` calls name it); what it awaits then, or its return, is taken
   * over at the loop's next iteration, as after a foreign await. Where the
   * runtime has no `AsyncLocalStorage`, an async function starts lazily.
   */
  private _eager_start(): void {
    const loop = this._loop;
    const coro = this._coro;
    const is_native = coro instanceof Coroutine && !coro._is_generator();
    if (is_native && async_context === null) {
      loop._schedule(this);
      return;
    }
    const outer_task = loop._current_task;
    const outer_window = native.task;
    const outer_native = loop._native_task;
    const outer_eager = eager_task;
    const outer_holder = context_state.holder;
    eager_task = this as Task<unknown>;
    context_state.holder = this;
    try {
      this._step(SEND, undefined);
    } finally {
      context_state.holder = outer_holder;
      eager_task = outer_eager;
      native.task = outer_window;
      loop._native_task = outer_native;
      loop._current_task = outer_task;
      const frame = this.#frame;
      if (frame instanceof NativeFrame && !this.done()) {
        this._watch(frame);
        this._set_detached(true);
      }
    }
  }

  /**
   * An `AbortSignal` that aborts when the task is asked to cancel, with a
   * `CancelledError` as reason: pass it to `fetch` and other Web APIs so
   * they stop with the task.
   */
  get signal(): AbortSignal {
    let abort = task_aborts.get(this as Task<unknown>);
    if (abort === undefined) {
      abort = new AbortController();
      task_aborts.set(this as Task<unknown>, abort);
    }
    if (this._num_cancels_requested > 0 && !abort.signal.aborted) {
      abort.abort(new CancelledError(this._cancel_message ?? undefined));
    }
    return abort.signal;
  }

  /** Cancels the task when `signal` aborts, until the task is done. */
  private _follow_signal(signal: AbortSignal): void {
    const on_abort = () => {
      const reason = signal.reason;
      this.cancel(
        typeof reason === "string"
          ? reason
          : reason instanceof CancelledError && reason.message !== ""
          ? reason.message
          : null,
      );
    };
    if (signal.aborted) {
      on_abort();
      return;
    }
    signal.addEventListener("abort", on_abort, { once: true });
    this.add_done_callback(() => signal.removeEventListener("abort", on_abort));
  }

  /** The task's name. */
  get_name(): string {
    const name = this._name;
    return typeof name === "number" ? `Task-${name}` : name;
  }

  /** Renames the task. */
  set_name(value: unknown): void {
    this._name = String(value);
  }

  /** The Context the task's steps run in. */
  get_context(): Context {
    return this._context ??= new Context();
  }

  /**
   * The task's coroutine frames, innermost first.
   *
   * @ignore
   */
  _frames(): TaskFrame[] {
    const frames: TaskFrame[] = [];
    for (let frame = this.#frame; frame !== null; frame = frame.parent) {
      frames.push({
        name: frame.coro?.__name__ ?? null,
        kind: frame instanceof NativeFrame ? "async" : "generator",
        site: frame instanceof NativeFrame ? frame.site ?? null : null,
      });
    }
    if (frames.length === 0 && !this.done() && this._coro instanceof Coroutine) {
      // Not started yet: its coroutine is all there is.
      frames.push({
        name: this._coro.__name__,
        kind: this._coro._is_generator() ? "generator" : "async",
        site: null,
      });
    }
    return frames;
  }

  /**
   * The task's stack, oldest frame first: where it is suspended while it
   * is pending (its coroutine frames; see `capture_call_graph` for what a
   * frame can say); nothing once it returned or was cancelled; the frames
   * of its error's stack when it failed. `limit`: the newest frames of a
   * stack, the oldest of an error's.
   */
  get_stack(options?: { limit?: number | null }): CallFrame[] {
    const limit = options?.limit ?? null;
    if (limit !== null && !Number.isInteger(limit)) {
      throw new TypeError(`get_stack(): limit must be an integer or null, got ${repr(limit)}`);
    }
    if (!this.done()) {
      const frames = suspended_frames(this as Task<unknown>).reverse();
      return limit === null ? frames : limit <= 0 ? [] : frames.slice(-limit);
    }
    if (this.cancelled() || this._exception === null) return [];
    const error = this._exception;
    const frames = parse_stack(error instanceof Error ? error.stack : null)
      .filter((line) => !is_machinery(line))
      .reverse()
      .map((line): CallFrame => ({
        name: line.name,
        kind: line.is_async ? "async" : "function",
        filename: line.file,
        lineno: line.line,
      }));
    return limit === null ? frames : limit <= 0 ? [] : frames.slice(0, limit);
  }

  /**
   * Prints `get_stack()` as Python's `Task.print_stack()`: "Stack for
   * <task> (most recent call last):" and a `File "x", line n, in name` line
   * a frame, or "Traceback for ..." and the error for a failed task.
   *
   * @param options `limit`, as `get_stack`; `file`: where to write
   * (a function given the text; `console.log` by default).
   */
  print_stack(options?: { limit?: number | null; file?: (text: string) => unknown }): void {
    const frames = this.get_stack({ limit: options?.limit ?? null });
    const failed = this.done() && !this.cancelled() && this._exception !== null;
    const lines: string[] = [];
    if (frames.length === 0) lines.push(`No stack for ${this}`);
    else if (failed) lines.push(`Traceback for ${this} (most recent call last):`);
    else lines.push(`Stack for ${this} (most recent call last):`);
    for (const frame of frames) {
      lines.push(
        `  File "${frame.filename ?? "<unknown>"}", line ${frame.lineno ?? 0}, in ${frame.name}`,
      );
    }
    if (failed) {
      const error = this._exception;
      lines.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    const text = lines.join("\n");
    if (options?.file === undefined) console.log(text);
    else options.file(text + "\n");
  }

  /** The coroutine object the task was made with. */
  get_coro(): CoroutineLike<T> {
    return this._coro;
  }

  /** The number of cancellation requests not yet withdrawn by `uncancel()`. */
  cancelling(): number {
    return this._num_cancels_requested;
  }

  /** Withdraws one cancellation request; returns the number left. */
  uncancel(): number {
    if (this._num_cancels_requested > 0) this._num_cancels_requested--;
    return this._num_cancels_requested;
  }

  /**
   * Asks the task to cancel itself: `CancelledError` (with `msg`) is thrown
   * into the coroutine on its next step. The coroutine may catch it.
   *
   * @returns `false` if the task is already done, else `true`.
   */
  override cancel(msg?: string | null): boolean {
    this._clear_log_traceback();
    if (this.done()) return false;
    this._num_cancels_requested++;
    const abort = task_aborts.get(this as Task<unknown>);
    const signal_in_use = abort !== undefined;
    if (signal_in_use && !abort.signal.aborted) abort.abort(new CancelledError(msg ?? undefined));
    if (this._fut_waiter !== null && this._fut_waiter.cancel(msg)) return true;
    // A detached task awaits something foreign; if it took its signal, the
    // abort delivers the cancellation there, as cancelling `_fut_waiter` does.
    if (this._detached && signal_in_use) return true;
    this._must_cancel = true;
    this._cancel_message = msg ?? null;
    return true;
  }

  /**
   * Not supported: a task's result comes from its coroutine.
   *
   * @throws {RuntimeError} Always.
   */
  override set_result(_result: T): never {
    throw new RuntimeError("Task does not support set_result() operation");
  }

  /**
   * Not supported: a task's error comes from its coroutine.
   *
   * @throws {RuntimeError} Always.
   */
  override set_exception(_exception: unknown): never {
    throw new RuntimeError("Task does not support set_exception() operation");
  }

  /** Describes the task as asyncio: `<Task finished name='w' coro=<Coroutine work> result=3>`. */
  override toString(): string {
    const [state, ...outcome] = this._describe_state().split(" ");
    const parts = [`Task ${state}`, `name='${this.get_name()}'`, `coro=${this._coro}`];
    if (this._fut_waiter !== null) parts.push(`wait_for=${this._fut_waiter}`);
    return `<${[...parts, ...outcome].join(" ")}${created_at(this)}>`;
  }

  /**
   * The one place the coroutine is advanced: sends `value` (or throws it)
   * into the innermost frame.
   *
   * @ignore
   */
  _step(mode: Mode, value: unknown): void {
    if (this.done()) {
      throw new InvalidStateError(`_step(): already done: ${this}, ${repr(value)}`);
    }
    if (this._must_cancel) {
      if (!(mode === THROW && value instanceof CancelledError)) {
        mode = THROW;
        value = this._make_cancelled_error();
      }
      this._must_cancel = false;
    }
    this._fut_waiter = null;
    this._loop._current_task = this;
    if (this.#frame === null) {
      const coro = this._coro as Coroutine<T>;
      if (mode === THROW) {
        coro._mark_started(); // cancelled before its first step: the body never runs
        this._finish(THROW, value);
        return;
      }
      const decision = this._start(coro);
      if (decision === BLOCKED) return this._end_step();
      if (decision === RUNNING_NATIVE) return;
      mode = resume_mode;
      value = take_resume_value();
      // Done already: finished in its first step, or could not start.
      if (this.#frame === null) return this._finish(mode, value);
    }
    this._advance(mode, value);
  }

  /**
   * Takes over a native `await` of `awaitable` made by this task's running
   * async function; `false` if the call belongs to someone else.
   *
   * @ignore
   */
  _native_await(
    awaitable: unknown,
    resolve: (value: unknown) => void,
  ): boolean {
    const frame = this.#frame;
    if (!(frame instanceof NativeFrame) || frame.resolve !== null) return false;
    frame.resolve = resolve;
    // V8's async stack trace here names each awaiting async function and
    // the line of its await: call graphs show it (debug mode, for its cost).
    if (this._loop._debug) frame.site = new Error().stack ?? null;
    if (this._detached) {
      // Back from a foreign await: the loop takes the task over again at
      // its next iteration, as if it had just been woken.
      this._set_detached(false);
      this._loop._call_soon(reattach, [this, awaitable]);
      return true;
    }
    this._loop._current_task = this; // it may be back from a host turn (`#host_turn_for`)
    this._follow(this._await(awaitable));
    return true;
  }

  /**
   * The loop gave up waiting for this task's async function to reach a
   * library await: it awaits something foreign. It runs on by itself until
   * it returns.
   *
   * @ignore
   */
  _detach(): void {
    this._loop._foreign_awaits = true;
    this._watch_native();
    this._set_detached(true);
    this._end_step();
  }

  /** @ignore */
  _reattach(awaitable: unknown): void {
    if (this.done()) return;
    this._loop._current_task = this;
    // A cancellation requested while detached reaches the awaitable, as
    // at any await: `_await` cancels the Future, and the task waits for it
    // (a gather's children end before their parent does).
    this._follow(this._await(awaitable));
  }

  /** Marks the task detached (`true`) or back (`false`), for the loop and `then()`. */
  private _set_detached(detached: boolean): void {
    this._detached = detached;
    this._loop._external_pending += detached ? 1 : -1;
    set_detached(this, detached);
  }

  /**
   * Runs what the loop scheduled: the wake-up when the task awaited a
   * Future (now done), else a plain step. An error here is the library's
   * own failure; it goes to the exception handler, as a callback's would.
   *
   * @ignore
   */
  _run(): void {
    // The loop runs its entries outside any Context: the step enters the
    // task's, and leaves none behind (no saved holder to restore).
    context_state.holder = this;
    try {
      if (this._fut_waiter !== null) this._wakeup();
      else this._step(SEND, undefined);
    } catch (exception) {
      context_state.holder = null;
      this._loop.call_exception_handler({
        message: `Exception in callback ${this}._step()`,
        exception,
        task: this,
      });
    }
    context_state.holder = null;
  }

  /**
   * The Future the task awaited is done: step with its result or error.
   *
   * @ignore
   */
  _wakeup(): void {
    const future = this._fut_waiter as Future<unknown>;
    if (future._state === FINISHED && future._exception === null) {
      this._step(SEND, future._result);
      return;
    }
    try {
      future.result();
    } catch (error) {
      this._step(THROW, error);
    }
  }

  /** Carries out a decision taken outside `_advance` (a native await, a reattach). */
  private _follow(decision: Decision): void {
    if (decision === CONTINUE) this._advance(resume_mode, take_resume_value());
    else if (decision === BLOCKED) this._end_step();
  }

  /** Runs frames until the task blocks, finishes, or an async function runs. */
  private _advance(mode: Mode, value: unknown): void {
    for (;;) {
      const frame = this.#frame as Frame;
      if (frame instanceof NativeFrame) {
        const resume = frame.resolve as (value: unknown) => void;
        frame.resolve = null;
        this._open_window();
        resume(mode === SEND ? value : Promise.reject(value));
        return;
      }
      let result: IteratorResult<unknown, unknown>;
      try {
        result = mode === SEND ? frame.gen.next(value) : frame.gen.throw(value);
      } catch (error) {
        this.#frame = frame.parent;
        if (frame.parent === null) return this._finish(THROW, error);
        mode = THROW;
        value = error;
        continue;
      }
      if (result.done) {
        this.#frame = frame.parent;
        if (frame.parent === null) return this._finish(SEND, result.value);
        mode = SEND;
        value = result.value;
        continue;
      }
      const decision = this._await(result.value);
      if (decision === BLOCKED) return this._end_step();
      if (decision === RUNNING_NATIVE) return;
      mode = resume_mode;
      value = take_resume_value();
    }
  }

  /** Handles a value the coroutine awaits or yields; asyncio's `__step` tail. */
  private _await(awaited: unknown): Decision {
    if (awaited === undefined || awaited === null) {
      this._loop._schedule(this); // a bare yield: sleep(0)
      return BLOCKED;
    }
    if (awaited instanceof Future) {
      if (awaited._loop !== this._loop) {
        return this._fail_next_step(
          new RuntimeError(`Task ${this} got Future ${awaited} attached to a different loop`),
        );
      }
      if (awaited === this) {
        return this._fail_next_step(new RuntimeError(`Task cannot await on itself: ${this}`));
      }
      if (awaited._state !== PENDING) {
        try {
          return resume_with(SEND, awaited.result());
        } catch (error) {
          return resume_with(THROW, error);
        }
      }
      awaited._add_waiter(this);
      this._fut_waiter = awaited;
      if (this._must_cancel && awaited.cancel(this._cancel_message)) this._must_cancel = false;
      return BLOCKED;
    }
    if (awaited instanceof SleepCoroutine) return this._sleep(awaited);
    if (awaited instanceof Coroutine) return this._start(awaited);
    if (awaited instanceof InlineCall) return this._push_native(awaited.promise, null);
    if (isgenerator(awaited)) return this._enter(awaited, null);
    if (typeof (awaited as PromiseLike<unknown>).then === "function") {
      return this._await(_chain_thenable(awaited as PromiseLike<unknown>, this._loop));
    }
    return this._fail_next_step(new RuntimeError(`Task got bad yield: ${repr(awaited)}`));
  }

  /** Runs `sleep()` inline: no generator and no frame, as asyncio's sleep does. */
  private _sleep(coro: SleepCoroutine<unknown>): Decision {
    if (coro._started) {
      return resume_with(THROW, new RuntimeError("cannot reuse already awaited coroutine 'sleep'"));
    }
    coro._mark_started();
    const loop = this._loop;
    if (!(coro._delay > 0)) {
      if (coro._value === undefined) loop._schedule(this);
      else loop._call_soon(send_step, [this, coro._value]);
      return BLOCKED;
    }
    const future = new SleepFuture<unknown>({ loop });
    future._result = coro._value;
    const timer = loop._call_at1(loop.time() + coro._delay, fire_sleep, future);
    future._timer = timer;
    future._add_waiter(this);
    this._fut_waiter = future;
    if (this._must_cancel && future.cancel(this._cancel_message)) this._must_cancel = false;
    return BLOCKED;
  }

  /** Starts a coroutine as the innermost frame of this task. */
  private _start(coro: Coroutine<unknown>): Decision {
    let body: unknown;
    try {
      // Context variables in use, or an eager start: async functions start
      // tracked, so that their code after an await that is not handed to
      // the task in its step still names the task.
      body = (!this._loop._foreign_awaits && !context_state.used && eager_task !== this) ||
          coro._is_generator()
        ? coro._start()
        : is_tracked(this)
        ? call_as(this, start_coroutine, coro)
        : this._runs_native()
        ? coro._start()
        : run_tracked(this, () => coro._start());
    } catch (error) {
      return resume_with(THROW, error);
    }
    if (isgenerator(body)) return this._enter(body, coro);
    if (body === null || typeof (body as PromiseLike<unknown>).then !== "function") {
      return resume_with(
        THROW,
        new TypeError(
          `coroutine '${coro.__name__}' must be an async function or a generator function, got a result of ${
            repr(body)
          }`,
        ),
      );
    }
    return this._push_native(body as PromiseLike<unknown>, coro);
  }

  /**
   * Runs a generator's first step; it becomes a frame only if it suspends,
   * so the many that finish at once (an uncontended `acquire()`, a `put()`
   * with room) cost no frame.
   */
  private _enter(
    gen: Generator<unknown, unknown, unknown>,
    coro: Coroutine<unknown> | null,
  ): Decision {
    let result: IteratorResult<unknown, unknown>;
    try {
      result = gen.next();
    } catch (error) {
      return resume_with(THROW, error);
    }
    if (result.done) return resume_with(SEND, result.value);
    this.#frame = new GeneratorFrame(gen, this.#frame, coro);
    return this._await(result.value);
  }

  /**
   * Whether an async function of the task is running. Once foreign awaits
   * appear on the loop, a task starts tracked (its async functions in an
   * async context of their own, naming it even while several tasks are
   * detached) with its first async function; never in the middle of an
   * untracked one, whose awaits would not name it.
   */
  private _runs_native(): boolean {
    for (let frame = this.#frame; frame !== null; frame = frame.parent) {
      if (frame instanceof NativeFrame) return true;
    }
    return false;
  }

  /** Makes a running async function the innermost frame; the loop watches it (`_watch_native`). */
  private _push_native(body: PromiseLike<unknown>, coro: Coroutine<unknown> | null): Decision {
    const parent = this.#frame;
    const frame = new NativeFrame(body, parent, coro);
    this.#frame = frame;
    // A task's own async function may sit suspended for long, as thousands
    // of others may: it is watched only if a step runs long. One awaited
    // inside the task is usually brief: watched now, it ends a turn sooner.
    if (parent !== null) this._watch(frame);
    this._open_window();
    return RUNNING_NATIVE;
  }

  /**
   * The task's async-function step did not hand it an await within a few
   * microtask turns: it returned, threw, or awaits something else.
   * Subscribes, once, to the promise of each async function on the task's
   * stack, so that their ends are seen (also one that ends out of order).
   * Subscribing only now keeps the two callbacks and the derived promise
   * off the many functions that sit suspended on a library await.
   *
   * @ignore
   */
  _watch_native(): void {
    for (let frame = this.#frame; frame !== null; frame = frame.parent) {
      if (frame instanceof NativeFrame) this._watch(frame);
    }
  }

  /** Subscribes to the promise of `frame`'s async function, unless that was done. */
  private _watch(frame: NativeFrame): void {
    const body = frame.body;
    if (body === null) return;
    frame.body = null;
    body.then(
      (value) => this._native_returned(frame, SEND, value),
      (error) => this._native_returned(frame, THROW, error),
    );
  }

  /** An async-function frame returned or threw. */
  private _native_returned(frame: NativeFrame, mode: Mode, value: unknown): void {
    if (this.done()) return;
    if (this.#frame !== frame) {
      // Another async function took this frame's awaits: the coroutine
      // handed library awaitables to `Promise.all` or the like. Fail the
      // task loudly rather than leave it hanging.
      this.#frame = null;
      const error = new RuntimeError(
        "a coroutine's frames got out of order: library awaitables were passed to " +
          "Promise.all/race/allSettled/any inside a coroutine; use gather(), wait() or " +
          "as_completed() instead",
      );
      if (this._loop._current_task === null) this._loop._current_task = this;
      this._finish(THROW, error);
      return;
    }
    if (this._detached) {
      this._set_detached(false);
      if (!this._loop.is_closed()) this._loop._call_soon(resume_detached, [this, mode, value]);
      return;
    }
    this.#frame = frame.parent;
    this._loop._current_task = this; // it may be back from a host turn (`#host_turn_for`)
    if (frame.parent === null) return this._finish(mode, value);
    this._loop._step_resumes++;
    this._advance(mode, value);
  }

  /** @ignore */
  _resume_detached(mode: Mode, value: unknown): void {
    const frame = this.#frame as Frame;
    this.#frame = frame.parent;
    if (frame.parent === null) {
      this._loop._current_task = this;
      this._finish(mode, value);
    } else {
      this._step(mode, value);
    }
  }

  /** Completes the task with the coroutine's result, error or cancellation. */
  private _finish(mode: Mode, value: unknown): void {
    if (mode === SEND) {
      if (this._must_cancel) {
        this._must_cancel = false;
        super.cancel(this._cancel_message);
      } else {
        super.set_result(value as T);
      }
    } else if (value instanceof CancelledError) {
      super.cancel();
      this._exception = value; // raised once by `_make_cancelled_error`
    } else {
      super.set_exception(_error_of(value));
    }
    const debug_tasks = this._loop._debug_tasks;
    if (debug_tasks === null || !debug_tasks.delete(this as Task<unknown>)) {
      const prev = this._prev_task;
      const next = this._next_task;
      if (prev !== null) prev._next_task = next;
      if (next !== null) next._prev_task = prev;
      else this._loop._last_task = prev;
      this._prev_task = this._next_task = null;
    }
    this._end_step();
  }

  /** Throws `error` into the coroutine at its next step. */
  private _fail_next_step(error: Error): Decision {
    this._loop._call_soon(throw_step, [this, error]);
    return BLOCKED;
  }

  /** Lets `then()` calls take this task's async function's awaits. */
  private _open_window(): void {
    native.task = this;
    this._loop._native_task = this;
  }

  /** Ends the step: no window, no current task. */
  private _end_step(): void {
    if (native.task === this) native.task = null;
    const loop = this._loop;
    if (loop._native_task === this) loop._native_task = null;
    loop._current_task = null;
  }
}

/**
 * Calls `fn(arg)` for the task running now, in its async context when it
 * is tracked: how library generators (`async_with`) call user functions,
 * whose async code must name its task after a foreign await too.
 *
 * @ignore
 */
export function _call_in_task<A, R>(fn: (arg: A) => R, arg: A): R {
  const task = _get_running_loop()?._current_task ?? null;
  return task === null ? fn(arg) : call_as(task, fn, arg);
}

function start_coroutine(coro: Coroutine<unknown>): unknown {
  return coro._start();
}

function resume_detached(task: Task<unknown>, mode: Mode, value: unknown): void {
  context_state.holder = task;
  task._resume_detached(mode, value);
}

function reattach(task: Task<unknown>, awaitable: unknown): void {
  context_state.holder = task;
  task._reattach(awaitable);
}

/**
 * Schedules a coroutine as a Task on the running loop.
 *
 * @param coro A `Coroutine` or a generator object.
 * @param options `name` for the task.
 * @returns The new Task.
 * @throws {RuntimeError} When no loop is running.
 * @throws {TypeError} When `coro` is not a coroutine.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * const main = coroutine(async () => {
 *   const task = create_task(sleep(1, 7));
 *   console.log(await task); // 7
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export function create_task<T>(coro: CoroutineLike<T>, options?: TaskOptions): Task<T> {
  const loop = _get_running_loop();
  if (loop === null) throw new RuntimeError("no running event loop");
  return loop.create_task(coro, options);
}

/**
 * Turns any awaitable into a Future: Futures and Tasks come back as they
 * are, coroutines and generators become Tasks, Promises and thenables
 * become Futures that settle with them.
 *
 * @param awaitable What to wrap.
 * @param loop The loop: the running loop, else `get_event_loop()`.
 * @returns A Future or Task.
 * @throws {TypeError} When `awaitable` is not awaitable.
 * @throws {ValueError} When a Future belongs to another loop than `loop`.
 *
 * @example
 * ```ts
 * import { coroutine, ensure_future, run } from "@aiots/asyncio";
 * const main = coroutine(async () => {
 *   const fut = ensure_future(Promise.resolve("from a promise"));
 *   console.log(await fut);
 * });
 * await run(main());
 * ```
 */
export function ensure_future<T>(awaitable: Awaitable<T>, loop?: AbstractEventLoop): Future<T> {
  if (awaitable instanceof Future) {
    if (loop !== undefined && loop !== awaitable._loop) {
      throw new ValueError(
        "ensure_future(): the future belongs to a different loop than the one given",
      );
    }
    return awaitable;
  }
  const target = loop ?? _get_event_loop();
  if (awaitable instanceof Coroutine || isgenerator(awaitable)) {
    return target.create_task(awaitable as CoroutineLike<T>);
  }
  if (is_awaitable(awaitable)) {
    return _chain_thenable(awaitable as PromiseLike<T>, target);
  }
  throw new TypeError(
    `ensure_future(): an asyncio Future, a coroutine or an awaitable is required, got ${
      repr(awaitable)
    }`,
  );
}

/**
 * Schedules `coro` on `loop` from JavaScript the loop did not start (an
 * event listener, a `MessagePort`, a timer set before the loop ran), as
 * asyncio's `run_coroutine_threadsafe`: the task is made on the loop, and
 * the caller gets a Promise of its result.
 *
 * @param coro A coroutine (`Coroutine` or generator object).
 * @param loop The loop to run it on.
 * @returns The call: `promise` settles with the coroutine's result;
 * `cancel()` rejects it with `CancelledError` at once and cancels the task
 * (`false` once it settled).
 * @throws {TypeError} When `coro` is not a coroutine.
 * @throws {RuntimeError} When the loop is closed.
 *
 * @example From a listener the loop did not start
 * ```ts
 * import { coroutine, Event, new_event_loop, run_coroutine_threadsafe, sleep } from "@aiots/asyncio";
 * const loop = new_event_loop();
 * const stopped = new Event();
 * const answer = coroutine(async (question: string) => {
 *   await sleep(0.01);
 *   return `${question}: 42`;
 * });
 * const channel = new MessageChannel();
 * channel.port1.onmessage = async ({ data }) => {
 *   console.log(await run_coroutine_threadsafe(answer(data), loop).promise);
 *   channel.port1.close();
 *   loop.call_soon_threadsafe(() => stopped.set());
 * };
 * channel.port2.postMessage("the answer");
 * await loop.run_until_complete(stopped.wait());
 * loop.close();
 * ```
 */
export function run_coroutine_threadsafe<T>(
  coro: CoroutineLike<T>,
  loop: AbstractEventLoop,
): ExecutorJob<T> {
  if (!(coro instanceof Coroutine) && !isgenerator(coro)) {
    throw new TypeError(`run_coroutine_threadsafe(): a coroutine is required, got ${repr(coro)}`);
  }
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((resolve_promise, reject_promise) => {
    resolve = resolve_promise;
    reject = reject_promise;
  });
  let settled = false;
  let task: Task<T> | null = null;
  loop.call_soon_threadsafe(() => {
    if (settled) {
      if (coro instanceof Coroutine) coro._mark_started(); // cancelled before it started
      return;
    }
    task = loop.create_task(coro);
    task.add_done_callback((done) => {
      if (settled) return;
      settled = true;
      try {
        resolve(done.result());
      } catch (error) {
        reject(error);
      }
    });
  });
  return {
    promise,
    cancel(): boolean {
      if (settled) return false;
      settled = true;
      promise.catch(() => {}); // the caller asked: nobody has to listen
      reject(new CancelledError());
      if (task !== null) loop.call_soon_threadsafe(() => task?.cancel());
      return true;
    },
  };
}

function send_step(task: Task<unknown>, value: unknown): void {
  context_state.holder = task;
  task._step(SEND, value);
}

/**
 * The Future a sleeping task waits on; cancelling it cancels its timer.
 * While pending, `_result` holds the value it will finish with: that saves
 * a field on every sleep, and `set_result` overwrites it with itself.
 */
class SleepFuture<T> extends Future<T> {
  _timer: TimerHandle | null = null;
  override cancel(msg?: string | null): boolean {
    if (!super.cancel(msg)) return false;
    this._timer?.cancel();
    return true;
  }

  override toString(): string {
    return `<Future ${this._describe_state()}>`;
  }
}

function fire_sleep(future: SleepFuture<unknown>): void {
  if (!future.cancelled()) future.set_result(future._result);
}

const NO_ARGS: unknown[] = [];

/** What `sleep()` returns: a Coroutine that tasks run inline. */
class SleepCoroutine<T> extends Coroutine<T> {
  readonly _delay: number;
  readonly _value: T;
  constructor(delay: number, value: T) {
    super(sleep_body, undefined, NO_ARGS);
    this._delay = delay;
    this._value = value;
  }
  override get __name__(): string {
    return "sleep";
  }
  override _start(): unknown {
    if (this._started) throw new RuntimeError("cannot reuse already awaited coroutine 'sleep'");
    this._mark_started();
    return sleep_body(this._delay, this._value);
  }
  override *[Symbol.iterator](): Generator<unknown, T, unknown> {
    return (yield this) as T;
  }
}

function* sleep_body<T>(delay: number, result: T): Generator<unknown, T, unknown> {
  if (delay <= 0) {
    yield null;
    return result;
  }
  const loop = _get_running_loop() as AbstractEventLoop;
  const future = loop.create_future<T>();
  const timer = loop._call_at(loop.time() + delay, _set_result_unless_cancelled, [future, result]);
  try {
    return (yield future) as T;
  } finally {
    timer.cancel();
  }
}

/**
 * A coroutine that finishes after `delay` seconds with `result`.
 * `sleep(0)` gives way to the other tasks for exactly one loop iteration.
 * Cancelling it leaves no timer behind.
 *
 * @param delay Seconds to wait; 0 or less yields once.
 * @param result What the coroutine returns.
 * @returns A coroutine to await.
 * @throws {TypeError} When `delay` is not a number.
 * @throws {ValueError} When `delay` is NaN.
 *
 * @example
 * ```ts
 * import { coroutine, get_running_loop, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const value = await sleep(3600, "an hour later");
 *   console.log(value, get_running_loop().time()); // an hour later 3600
 * })(), { clock: "virtual" });
 * ```
 */
export function sleep(delay: number): Coroutine<void>;
/**
 * A coroutine that finishes after `delay` seconds with `result`.
 *
 * @param delay Seconds to wait; 0 or less yields once.
 * @param result What the coroutine returns.
 * @returns A coroutine to await.
 *
 * @example
 * ```ts
 * import { coroutine, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async () => console.log(await sleep(1, "done")))(), { clock: "virtual" });
 * ```
 */
export function sleep<T>(delay: number, result: T): Coroutine<T>;
export function sleep<T>(delay: number, result?: T): Coroutine<T | undefined> {
  check_seconds(delay, "sleep(): delay");
  return new SleepCoroutine(delay, result);
}

/**
 * The task running now on `loop` (the running loop by default), or `null`
 * when a plain callback runs.
 *
 * @throws {RuntimeError} When no loop is running and none is given.
 *
 * @example
 * ```ts
 * import { coroutine, current_task, run } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   console.log(current_task()?.get_name());
 * })());
 * ```
 */
export function current_task(loop?: AbstractEventLoop): Task<unknown> | null {
  const target = loop ?? _get_running_loop();
  if (target === null || target === undefined) throw new RuntimeError("no running event loop");
  return target._current_task;
}

/**
 * The tasks of `loop` (the running loop by default) that are not done.
 *
 * @throws {RuntimeError} When no loop is running and none is given.
 *
 * @example
 * ```ts
 * import { all_tasks, coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   create_task(sleep(1));
 *   console.log(all_tasks().size); // 2: main and the sleeper
 * })(), { clock: "virtual" });
 * ```
 */
export function all_tasks(loop?: AbstractEventLoop): Set<Task<unknown>> {
  const target = loop ?? _get_running_loop();
  if (target === null || target === undefined) throw new RuntimeError("no running event loop");
  const tasks: Task<unknown>[] = [];
  for (let task = target._last_task; task !== null; task = task._prev_task) tasks.push(task);
  tasks.reverse();
  // Tasks made while debug mode was on are kept apart; they come last.
  if (target._debug_tasks !== null) { for (const task of target._debug_tasks) tasks.push(task); }
  return new Set(tasks);
}
