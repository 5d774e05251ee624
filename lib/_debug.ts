/**
 * What debug mode records and reports, beyond slow callbacks: where each
 * Handle, Future, Task and coroutine was created, and the reports asyncio
 * makes when the garbage collector takes a Future whose error nobody
 * retrieved, a coroutine nobody awaited, or a Task still pending.
 *
 * Only what is made while debug mode is on is recorded or watched, so that
 * a loop pays nothing for any of this otherwise.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import type { ExceptionContext } from "./handles.ts";
import { get_logger } from "./log.ts";
import { _get_running_loop } from "./_running.ts";

/** `ASYNCIO_DEBUG`, read only where allowed without a permission prompt. */
export function debug_from_env(): boolean {
  try {
    // deno-lint-ignore no-explicit-any
    const g = globalThis as any;
    let value: string | undefined;
    if (g.Deno?.permissions?.querySync !== undefined) {
      const status = g.Deno.permissions.querySync({ name: "env", variable: "ASYNCIO_DEBUG" });
      if (status.state === "granted") value = g.Deno.env.get("ASYNCIO_DEBUG");
    } else {
      value = g.process?.env?.ASYNCIO_DEBUG;
    }
    return value !== undefined && value !== "" && value !== "0";
  } catch {
    return false; // no environment in this runtime
  }
}

const debug_env = debug_from_env();

/**
 * Whether what is made now is made in debug mode: the running loop's
 * setting, else `ASYNCIO_DEBUG` (a coroutine is often made before its
 * loop exists).
 */
export function debug_now(): boolean {
  const loop = _get_running_loop();
  return loop !== null ? loop._debug : debug_env;
}

// ---------------------------------------------------------------------------
// Where objects were created

/** The library's own directory: its frames are left out of creation stacks. */
const LIBRARY_DIR = new URL(".", import.meta.url).href;

/** How many frames a creation stack looks at, library and runtime frames included. */
const STACK_DEPTH = 64;

const creation_stacks = new WeakMap<object, string>();

/**
 * The stack of the code creating something now, as CPython's
 * `extract_stack`: the caller's frames, oldest first ("most recent call
 * last"), one `  at ...` line each, without the library's and the
 * runtime's own frames (Deno's `ext:`, Node's `node:` modules; a
 * generator's `next`, at `<anonymous>`, is the
 * runtime's: the Future `Event.wait()` makes is then created at the
 * caller's `await`); `null` when none is left.
 */
export function creation_stack(): string | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  const stack = new Error().stack;
  Error.stackTraceLimit = limit;
  if (stack === undefined) return null;
  const frames = stack.split("\n")
    .map((line) => line.trim())
    .filter((line) =>
      line.startsWith("at ") && !line.includes(LIBRARY_DIR) &&
      !/^at (?:.* \()?(?:ext|node):/.test(line) && !line.endsWith("(<anonymous>)")
    );
  return frames.length === 0 ? null : frames.reverse().map((line) => `  ${line}`).join("\n");
}

/** Records where `target` is being created. */
export function record_creation(target: object): void {
  const stack = creation_stack();
  if (stack !== null) creation_stacks.set(target, stack);
}

/** Where `target` was created (`creation_stack()` then), or `null` if not recorded. */
export function creation_stack_of(target: object): string | null {
  return creation_stacks.get(target) ?? null;
}

/**
 * ` created at <file:line:column>`, the innermost frame of where `target`
 * was created, for its description; `""` if not recorded.
 */
export function created_at(target: object): string {
  const stack = creation_stacks.get(target);
  if (stack === undefined) return "";
  const innermost = stack.slice(stack.lastIndexOf("\n") + 1);
  const location = /\((.*)\)$/.exec(innermost)?.[1] ?? innermost.replace(/^\s*at (?:async )?/, "");
  return ` created at ${location}`;
}

// ---------------------------------------------------------------------------
// Reports made when the garbage collector takes something

/**
 * Stands in a report for an object the garbage collector took: its
 * description, as it was when the object was watched.
 */
class Collected {
  readonly #description: string;
  constructor(description: string) {
    this.#description = description;
  }
  toString(): string {
    return this.#description;
  }
}

/** A report to the exception handler of `loop`. */
interface LoopReport {
  loop: AbstractEventLoop;
  context: ExceptionContext;
}

/** Builds the context of a report about `target`, with where it was created. */
function report_context(
  target: object,
  message: string,
  key: "future" | "task",
  exception?: unknown,
): ExceptionContext {
  const context: ExceptionContext = { message };
  if (exception !== undefined) context.exception = exception;
  context[key] = new Collected(String(target));
  const stack = creation_stacks.get(target);
  if (stack !== undefined) context.source_traceback = stack;
  return context;
}

/** How deep `detached_copy` follows `cause`. */
const MAX_CAUSE_DEPTH = 4;

/**
 * A copy of `error` for a report that must not keep a Future alive: V8's
 * error holds the receivers of the frames it was thrown through (a task,
 * when thrown in one of its steps) for as long as it lives. The copy has
 * the same prototype and own properties, its stack as text, and a copy of
 * its `cause`; values that are not errors are kept as they are.
 */
function detached_copy(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > MAX_CAUSE_DEPTH) return error;
  const copy = Object.create(Object.getPrototypeOf(error)) as Error;
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key) as PropertyDescriptor;
    const value = key === "stack"
      ? error.stack
      : key === "cause"
      ? detached_copy(error.cause, depth + 1)
      : Reflect.get(error, key);
    Object.defineProperty(copy, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: descriptor.enumerable,
    });
  }
  return copy;
}

const unretrieved = new FinalizationRegistry<LoopReport>((report) => {
  report.loop.call_exception_handler(report.context);
});

/** What `watch_unretrieved` needs of a Future. */
export interface FailedFuture {
  readonly _loop: AbstractEventLoop;
  readonly _exception: unknown;
}

/**
 * Reports "Future exception was never retrieved" (or "Task ...") if
 * `future`, which just failed, is collected before its error is read. The
 * report's `exception` is a copy of the error (see `detached_copy`).
 */
export function watch_unretrieved(future: FailedFuture): void {
  const message = `${future.constructor.name} exception was never retrieved`;
  const context = report_context(future, message, "future", detached_copy(future._exception));
  unretrieved.register(future, { loop: future._loop, context }, future);
  leftovers?.unretrieved.set(future, message);
}

/** `future`'s error was read (or it was cancelled): nothing to report. */
export function forget_unretrieved(future: object): void {
  unretrieved.unregister(future);
  leftovers?.unretrieved.delete(future as FailedFuture);
}

const unawaited = new FinalizationRegistry<string>((message) => get_logger().warning(message));
let watching_coroutines = false;

/** Warns "coroutine '...' was never awaited" if `coro` is collected before it starts. */
export function watch_coroutine(coro: { readonly __name__: string }): void {
  let message = `coroutine '${coro.__name__}' was never awaited`;
  const stack = creation_stack();
  if (stack !== null) message += `\nCoroutine created at (most recent call last):\n${stack}`;
  unawaited.register(coro, message, coro);
  watching_coroutines = true;
  leftovers?.unawaited.set(coro, message);
}

/** `coro` started (or was closed before it could): nothing to report. */
export function forget_coroutine(coro: object): void {
  if (!watching_coroutines) return;
  unawaited.unregister(coro);
  leftovers?.unawaited.delete(coro);
}

// ---------------------------------------------------------------------------
// What a test finds left at its end

/**
 * The failed Futures whose error nobody retrieved and the coroutines never
 * started, made in debug mode while a test runs (the testing module's
 * `run_test`), each with its report. They are held until the test ends,
 * so that its end finds them, not the garbage collector (which may come
 * later, or never).
 */
export class Leftovers {
  /** Each failed Future whose error is unread, with its report's message. */
  readonly unretrieved: Map<FailedFuture, string> = new Map();
  /** Each coroutine never started, with its report. */
  readonly unawaited: Map<object, string> = new Map();
}

let leftovers: Leftovers | null = null;

/** Makes debug mode's watches also hold what they watch in `held` (`null`: stop). */
export function hold_leftovers(held: Leftovers | null): void {
  leftovers = held;
}

/**
 * The tasks a loop made in debug mode, held weakly (as CPython's
 * `all_tasks` registry): a pending task that nothing can wake any more is
 * collected, and reported as "Task was destroyed but it is pending!".
 * Tasks made with debug mode off are held by the loop's list until done.
 */
export class DebugTasks<T extends object> {
  readonly #refs = new Set<WeakRef<T>>();
  readonly #ref_of = new WeakMap<T, WeakRef<T>>();
  readonly #registry: FinalizationRegistry<{ ref: WeakRef<T>; context: ExceptionContext }>;

  /** Watches the tasks of `loop`. */
  constructor(loop: AbstractEventLoop) {
    this.#registry = new FinalizationRegistry(({ ref, context }) => {
      this.#refs.delete(ref);
      loop.call_exception_handler(context);
    });
  }

  /** Watches `task`, just created. */
  add(task: T): void {
    const ref = new WeakRef(task);
    this.#refs.add(ref);
    this.#ref_of.set(task, ref);
    const context = report_context(task, "Task was destroyed but it is pending!", "task");
    this.#registry.register(task, { ref, context }, ref);
  }

  /** Forgets `task`, now done; `false` if it is not one of these. */
  delete(task: T): boolean {
    const ref = this.#ref_of.get(task);
    if (ref === undefined) return false;
    this.#ref_of.delete(task);
    this.#refs.delete(ref);
    this.#registry.unregister(ref);
    return true;
  }

  /** The tasks not yet done and not collected, oldest first. */
  *[Symbol.iterator](): Generator<T, void, undefined> {
    for (const ref of this.#refs) {
      const task = ref.deref();
      if (task !== undefined) yield task;
    }
  }
}
