/**
 * `TaskGroup`: structured concurrency, as asyncio's `taskgroups` module.
 * Tasks made with `tg.create_task()` belong to the group; leaving the
 * `async_with` block waits for all of them; the first one to fail cancels
 * the others and the block, and the errors come out together as an
 * `ExceptionGroup("unhandled errors in a TaskGroup", errors)`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine, type CoroutineLike, iscoroutine } from "./coroutines.ts";
import { BaseExceptionGroup } from "./exception_group.ts";
import { CancelledError, RuntimeError } from "./exceptions.ts";
import { _own_rejection, type Future } from "./futures.ts";
import { repr } from "./_repr.ts";
import { _get_running_loop } from "./_running.ts";
import { _named } from "./_waiting.ts";
import type { Task, TaskOptions } from "./tasks.ts";
import { _stands_for } from "./graph.ts";

/** What `__aenter__` needs to know about the coroutine it runs in. */
interface EnterRef {
  coro: Coroutine<TaskGroup> | null;
}

/**
 * An asynchronous context manager holding a group of tasks, as Python's
 * `asyncio.TaskGroup`. Use it with `async_with`:
 *
 * - `tg.create_task(coro, { name })` starts a task in the group.
 * - Leaving the block waits until every task of the group is done.
 * - When a task fails (with anything but a cancellation), the other tasks
 *   and the block itself are cancelled; once everything has finished, the
 *   errors are thrown together as an `ExceptionGroup` whose `message` is
 *   `"unhandled errors in a TaskGroup"`. An error thrown by the block counts
 *   too.
 * - A cancellation from outside cancels the tasks and comes out as a
 *   `CancelledError` (unless tasks failed: errors take priority). The
 *   group withdraws (`uncancel()`) the cancellation it made itself.
 *
 * A group can be entered once. It has no `Symbol.asyncDispose`: `await
 * using` does not tell the disposer about the block's error, which the
 * group needs to cancel its tasks.
 *
 * @example Async-function style
 * ```ts
 * import { async_with, coroutine, run, sleep, TaskGroup } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const tasks = await async_with(new TaskGroup(), async (tg) => {
 *     return [tg.create_task(sleep(2, "a")), tg.create_task(sleep(1, "b"))];
 *   });
 *   console.log(tasks?.map((task) => task.result())); // [ "a", "b" ]
 * })(), { clock: "virtual" });
 * ```
 *
 * @example Generator style, and the errors
 * ```ts
 * import { async_with, coroutine, ExceptionGroup, run, sleep, TaskGroup } from "@aiots/asyncio";
 * const fail = coroutine(function* (delay: number) {
 *   yield* sleep(delay);
 *   throw new RangeError(`failed after ${delay}`);
 * });
 * await run(coroutine(function* () {
 *   try {
 *     yield* async_with(new TaskGroup(), function* (tg) {
 *       tg.create_task(fail(1));
 *       tg.create_task(sleep(5)); // cancelled when fail(1) fails
 *     });
 *   } catch (error) {
 *     if (!(error instanceof ExceptionGroup)) throw error;
 *     console.log(String(error)); // ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
 *   }
 * })(), { clock: "virtual" });
 * ```
 */
export class TaskGroup {
  #entered = false;
  #exiting = false;
  #aborting = false;
  #loop: AbstractEventLoop | null = null;
  #parent_task: Task<unknown> | null = null;
  #parent_cancel_requested = false;
  readonly #tasks: Set<Task<unknown>> = new Set();
  #errors: unknown[] = [];
  #on_completed_fut: Future<boolean> | null = null;
  readonly #on_task_done_cb = (task: Task<unknown>): void => this.#on_task_done(task);

  /** Describes the group: `<TaskGroup tasks=2 errors=1 cancelling>`. */
  toString(): string {
    const info = [""];
    if (this.#tasks.size > 0) info.push(`tasks=${this.#tasks.size}`);
    if (this.#errors.length > 0) info.push(`errors=${this.#errors.length}`);
    if (this.#aborting) info.push("cancelling");
    else if (this.#entered) info.push("entered");
    return `<TaskGroup${info.join(" ")}>`;
  }

  /**
   * Enters the group (`async with` does this): records the running task
   * as the group's parent.
   *
   * @returns A coroutine giving the group itself.
   * @throws {RuntimeError} (when awaited) When the group was entered
   * before, or it is not awaited inside a task.
   */
  __aenter__(): Coroutine<TaskGroup> {
    const ref: EnterRef = { coro: null };
    ref.coro = new Coroutine(this._aenter_body, this, [ref]);
    return ref.coro;
  }

  /** `__aenter__()`'s body. */
  // deno-lint-ignore require-yield
  private *_aenter_body(ref: EnterRef): Generator<unknown, TaskGroup, unknown> {
    if (this.#entered) throw new RuntimeError(`TaskGroup ${this} has already been entered`);
    this.#loop ??= _get_running_loop();
    const parent = this.#loop?._current_task ?? null;
    // A parent whose own coroutine is this one means `__aenter__()` was
    // awaited outside any task and got a task of its own.
    if (parent === null || parent.get_coro() === ref.coro) {
      throw new RuntimeError(`TaskGroup ${this} cannot determine the parent task`);
    }
    this.#parent_task = parent;
    // The group's tasks are awaited by its parent task (call graphs).
    _stands_for(this.#on_task_done_cb, parent);
    this.#entered = true;
    return this;
  }

  /**
   * Leaves the group (`async with` does this): waits for every task, then
   * throws the errors as an `ExceptionGroup`, or the cancellation.
   *
   * @param error What the block threw, or `undefined`.
   * @returns A coroutine giving `false` (the block's error is never swallowed).
   */
  __aexit__(error?: unknown): Coroutine<false> {
    return new Coroutine(this._aexit_body, this, [error]);
  }

  /** `__aexit__()`'s body. */
  private *_aexit_body(error: unknown): Generator<unknown, false, unknown> {
    this.#exiting = true;
    const has_error = error !== undefined;
    const loop = this.#loop as AbstractEventLoop;
    const parent = this.#parent_task as Task<unknown>;
    let propagate_cancellation: unknown = has_error && error instanceof CancelledError
      ? error
      : null;
    if (this.#parent_cancel_requested) {
      // The group cancelled its parent itself: withdraw that request, and
      // propagate no cancellation unless someone else asked for one too.
      // As CPython 3.12.1, this happens here, before waiting: a child that
      // fails while `__aexit__` waits leaves its request on the parent
      // (later releases, with the fix of CPython gh-116720, do it after the wait).
      if (parent.uncancel() === 0) propagate_cancellation = null;
    }
    if (has_error && !this.#aborting) this.#abort();

    // The parent may be cancelled again while it waits, so loop.
    while (this.#tasks.size > 0) {
      this.#on_completed_fut ??= loop.create_future<boolean>();
      try {
        yield this.#on_completed_fut;
      } catch (caught) {
        if (!(caught instanceof CancelledError)) throw caught;
        if (!this.#aborting) {
          // Cancelled from outside while the tasks still run.
          propagate_cancellation = caught;
          this.#abort();
        }
      }
      this.#on_completed_fut = null;
    }

    // Errors take priority over the cancellation.
    if (propagate_cancellation !== null && this.#errors.length === 0) {
      throw propagate_cancellation;
    }
    if (has_error && !(error instanceof CancelledError)) this.#errors.push(error);
    if (this.#errors.length > 0) {
      const errors = this.#errors;
      this.#errors = [];
      throw new BaseExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
    return false;
  }

  /**
   * Starts `coro` as a task of the group, as `create_task`.
   *
   * @param coro A `Coroutine` or a generator object.
   * @param options `name` of the task, and `signal` to cancel it from an `AbortSignal`.
   * @returns The new Task.
   * @throws {RuntimeError} When the group was not entered, is finished, or
   * is shutting down after an error.
   * @throws {TypeError} When `coro` is not a coroutine.
   *
   * @example
   * ```ts
   * import { async_with, coroutine, run, sleep, TaskGroup } from "@aiots/asyncio";
   * await run(coroutine(async () => {
   *   await async_with(new TaskGroup(), async (tg) => {
   *     const task = tg.create_task(sleep(1, 42), { name: "answer" });
   *     console.log(task.get_name(), await task); // answer 42
   *   });
   * })(), { clock: "virtual" });
   * ```
   */
  create_task<T>(coro: CoroutineLike<T>, options?: TaskOptions): Task<T> {
    _own_rejection(coro); // a Promise is refused below: its error is not the caller's to see
    if (!this.#entered) throw new RuntimeError(`TaskGroup ${this} has not been entered`);
    if (this.#exiting && this.#tasks.size === 0) {
      throw new RuntimeError(`TaskGroup ${this} is finished`);
    }
    if (this.#aborting) throw new RuntimeError(`TaskGroup ${this} is shutting down`);
    if (!iscoroutine(coro)) {
      throw new TypeError(
        `TaskGroup.create_task(): coro must be a coroutine or a generator object, got ${
          repr(coro)
        }`,
      );
    }
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw new TypeError(
        `TaskGroup.create_task(): options must be an object, got ${repr(options)}`,
      );
    }
    if (options?.signal !== undefined && !(options.signal instanceof AbortSignal)) {
      throw new TypeError(
        `TaskGroup.create_task(): options.signal must be an AbortSignal, got ${
          repr(options.signal)
        }`,
      );
    }
    const task = (this.#loop as AbstractEventLoop).create_task(coro, options);
    if (task.done()) {
      // A task factory may finish a task at once (eager tasks).
      this.#on_task_done(task);
    } else {
      this.#tasks.add(task);
      task.add_done_callback(this.#on_task_done_cb);
    }
    return task;
  }

  #abort(): void {
    this.#aborting = true;
    for (const task of this.#tasks) {
      if (!task.done()) task.cancel();
    }
  }

  #on_task_done(task: Task<unknown>): void {
    this.#tasks.delete(task);
    const completed = this.#on_completed_fut;
    if (completed !== null && this.#tasks.size === 0 && !completed.done()) {
      completed.set_result(true);
    }
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === null) return;
    this.#errors.push(error);

    const parent = this.#parent_task as Task<unknown>;
    if (parent.done()) {
      (this.#loop as AbstractEventLoop).call_exception_handler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: error,
        task,
      });
      return;
    }
    if (!this.#aborting && !this.#parent_cancel_requested) {
      // Stop whatever the block is awaiting; `_aexit_body` withdraws this
      // cancellation of the parent with `uncancel()`.
      this.#abort();
      this.#parent_cancel_requested = true;
      parent.cancel();
    }
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("TaskGroup.__aenter__", this.prototype._aenter_body);
    _named("TaskGroup.__aexit__", this.prototype._aexit_body);
  }
}
