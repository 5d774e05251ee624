/**
 * `run()` and `Runner`: make a loop, run a coroutine on it, cancel what is
 * left, close the loop.
 *
 * @module
 */

import type { EventLoop, EventLoopOptions } from "./base_events.ts";
import { type CoroutineLike, iscoroutine } from "./coroutines.ts";
import { new_event_loop, set_event_loop } from "./events.ts";
import { CancelledError, KeyboardInterrupt, RuntimeError, ValueError } from "./exceptions.ts";
import { gather } from "./gather.ts";
import { _get_running_loop } from "./_running.ts";
import { all_tasks, type Task } from "./tasks.ts";
import { listen_to_signal, stop_listening_to_signal } from "./_signals.ts";
import { repr } from "./_repr.ts";
import { _own_rejection } from "./futures.ts";
import { _capture_context, _check_context, Context, context_state } from "./contextvars.ts";

const CREATED = 0;
const INITIALIZED = 1;
const CLOSED = 2;

/** How long closing waits for the default executor's calls, in seconds (asyncio's). */
const THREAD_JOIN_TIMEOUT = 300;

/** Whether this is the main thread, the one that gets Ctrl-C (not a Worker). */
function on_main_thread(): boolean {
  // deno-lint-ignore no-explicit-any
  const worker_scope = (globalThis as any).WorkerGlobalScope;
  return typeof worker_scope !== "function" || !(globalThis instanceof worker_scope);
}

/** Options of `Runner.run()`: Python's keyword argument `context`. */
export interface RunnerRunOptions {
  /**
   * The Context the task runs in; else the runner's own, a copy of the
   * Context current at its first `run()`, shared by every `run()`.
   */
  context?: Context | null;
}

/**
 * Runs several coroutines on one loop, made on first use and closed by
 * `close()`. `run()` is a Runner used once.
 *
 * On the main thread, Ctrl-C (`SIGINT`) while `run()` runs cancels the
 * main task, as in asyncio; once it has ended cancelled, `run()` throws
 * `KeyboardInterrupt`. A second Ctrl-C ends the process, as it would
 * without a runner.
 *
 * @example
 * ```ts
 * import { coroutine, Runner, sleep } from "@aiots/asyncio";
 * const runner = new Runner({ clock: "virtual" });
 * try {
 *   console.log(await runner.run(sleep(1, "first")));
 *   console.log(await runner.run(sleep(1, "second")));
 * } finally {
 *   await runner.close();
 * }
 * void coroutine;
 * ```
 */
export class Runner {
  readonly #options: EventLoopOptions;
  #state = CREATED;
  #loop: EventLoop | null = null;
  #interrupt_count = 0;
  /**
   * The Context of every `run()` not given one: a copy of the one current
   * at the first, or `null` while it is empty and no variable was ever set.
   * Until then a main task that needs it makes it (`_current_context`), and
   * the runner keeps it: a task given a Context at creation has a field
   * more, and the main task would make every task of the program carry it.
   */
  #context: Context | null = null;

  /** Makes a runner; `options` are those of `new_event_loop`. */
  constructor(options: EventLoopOptions = {}) {
    this.#options = options;
  }

  /**
   * Runs `coro` as a Task on the runner's loop and returns its result.
   *
   * @throws {KeyboardInterrupt} When Ctrl-C cancelled the task.
   * @throws {ValueError} When `coro` is not a coroutine.
   * @throws {RuntimeError} When a loop is already running or the runner is closed.
   */
  async run<T>(coro: CoroutineLike<T>, options?: RunnerRunOptions): Promise<T> {
    if (!iscoroutine(coro)) {
      _own_rejection(coro); // refused: its error is not the caller's to see
      throw new ValueError(`a coroutine was expected, got ${repr(coro)}`);
    }
    if (_get_running_loop() !== null) {
      throw new RuntimeError("Runner.run() cannot be called from a running event loop");
    }
    const context = _check_context(options?.context, "Runner.run()");
    const loop = this.#lazy_init();
    // Once a variable is set anywhere, a main task given no Context would
    // copy the current one: the runner's own, empty so far, is made now.
    if (this.#context === null && context_state.used) this.#context = new Context();
    const task = loop.create_task(coro, { context: context ?? this.#context });
    const adopts_context = context === null && this.#context === null;
    this.#interrupt_count = 0;
    const on_sigint = this.#listen_for_sigint(loop, task as Task<unknown>);
    try {
      return await loop.run_until_complete(task);
    } catch (error) {
      if (error instanceof CancelledError && this.#interrupt_count > 0 && task.uncancel() === 0) {
        throw new KeyboardInterrupt();
      }
      throw error;
    } finally {
      if (adopts_context) this.#context = task._context ?? null;
      // After a Ctrl-C the listener has removed itself.
      if (on_sigint !== null && this.#interrupt_count === 0) {
        stop_listening_to_signal("SIGINT", on_sigint);
      }
    }
  }

  /**
   * Listens for Ctrl-C on the main thread: the first cancels `task` on
   * the loop, as asyncio's `Runner` does, and the listener steps aside, so
   * that a second one ends the process as by default (Python raises
   * `KeyboardInterrupt` there at once). `null` where no signal comes.
   */
  #listen_for_sigint(loop: EventLoop, task: Task<unknown>): (() => void) | null {
    if (!on_main_thread()) return null;
    const on_sigint = () => {
      this.#interrupt_count++;
      stop_listening_to_signal("SIGINT", on_sigint);
      loop.call_soon_threadsafe(() => {
        if (!task.done()) task.cancel();
      });
    };
    try {
      listen_to_signal("SIGINT", on_sigint);
    } catch {
      return null; // this runtime has no signals
    }
    return on_sigint;
  }

  /** The runner's loop, made on first use. */
  get_loop(): EventLoop {
    return this.#lazy_init();
  }

  /**
   * Cancels the tasks still pending, waits for them and for the default
   * executor's calls in progress (at most 300 s), and closes the loop.
   * Does nothing when not initialized or already closed.
   */
  async close(): Promise<void> {
    if (this.#state !== INITIALIZED) return;
    const loop = this.#loop as EventLoop;
    try {
      await cancel_all_tasks(loop);
      await loop.shutdown_default_executor(THREAD_JOIN_TIMEOUT);
    } finally {
      set_event_loop(null);
      loop.close();
      this.#loop = null;
      this.#state = CLOSED;
    }
  }

  /** `async with Runner()`: enter. */
  __aenter__(): Promise<Runner> {
    this.#lazy_init();
    return Promise.resolve(this);
  }

  /** `async with Runner()`: exit closes the runner. */
  async __aexit__(_error?: unknown): Promise<boolean> {
    await this.close();
    return false;
  }

  /** `await using runner = new Runner()` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #lazy_init(): EventLoop {
    if (this.#state === CLOSED) throw new RuntimeError("Runner is closed");
    if (this.#state === INITIALIZED) return this.#loop as EventLoop;
    const loop = new_event_loop(this.#options);
    set_event_loop(loop);
    this.#loop = loop;
    this.#context = _capture_context();
    this.#state = INITIALIZED;
    return loop;
  }
}

async function cancel_all_tasks(loop: EventLoop): Promise<void> {
  const to_cancel = all_tasks(loop);
  if (to_cancel.size === 0) return;
  for (const task of to_cancel) task.cancel();
  await loop.run_until_complete(gather([...to_cancel], { return_exceptions: true }));
  for (const task of to_cancel) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.call_exception_handler({
        message: "unhandled exception during asyncio.run() shutdown",
        exception,
        task,
      });
    }
  }
}

/**
 * Runs a coroutine on a new loop and returns its result, as `asyncio.run`:
 * when it is done, the tasks left are cancelled and the loop is closed.
 * Ctrl-C cancels `main` (see `Runner`).
 *
 * @param main The coroutine to run.
 * @param options `debug`, and `clock: "virtual"` for instant fake time
 * (on which a program that can never go on is a `RuntimeError`, unless
 * `deadlock: false`).
 * @returns Its result.
 * @throws {RuntimeError} When called while a loop is running.
 * @throws {KeyboardInterrupt} When Ctrl-C cancelled `main`.
 *
 * @example
 * ```ts
 * import { coroutine, run, sleep } from "@aiots/asyncio";
 * const main = coroutine(async () => {
 *   await sleep(1);
 *   return "hello";
 * });
 * console.log(await run(main(), { clock: "virtual" })); // hello
 * ```
 */
export async function run<T>(main: CoroutineLike<T>, options?: EventLoopOptions): Promise<T> {
  if (_get_running_loop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const runner = new Runner(options);
  try {
    return await runner.run(main);
  } finally {
    await runner.close();
  }
}
