/**
 * Call-graph introspection, as Python 3.14's `asyncio.graph`:
 * `capture_call_graph`, `format_call_graph`, `print_call_graph`, the
 * "awaited by" records `future_add_to_awaited_by` and
 * `future_discard_from_awaited_by`, and a task-tree dump on a signal
 * (`add_task_dump_handler`).
 *
 * What a frame can say. The current task's own stack (a graph captured
 * from inside it) is read from the live JavaScript stack: every function,
 * with its file and line. A suspended task's frames are its coroutine
 * frames, innermost first, with their names; for async functions, debug
 * mode also records where each one awaits (V8's async stack trace at the
 * await, which Deno gives and Node 20 does not): file and line, and any
 * plain async helpers between. A suspended
 * generator's line is out of reach: V8 gives no location for it, and the
 * frame prints as `File '<unknown>', line 0`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { RuntimeError } from "./exceptions.ts";
import { Future } from "./futures.ts";
import { _get_running_loop } from "./_running.ts";
import { address_of, repr } from "./_repr.ts";
import { all_tasks, Task } from "./tasks.ts";
import { type CallFrame, is_machinery, parse_stack, suspended_frames } from "./_frames.ts";

export type { CallFrame };

const THIS_MODULE = import.meta.url;

/**
 * An entry of a call stack: Python's `FrameCallGraphEntry(frame)`.
 *
 * @example
 * ```ts
 * import { capture_call_graph, coroutine, run } from "@aiots/asyncio";
 * await run(coroutine(function* main() {
 *   const entry = capture_call_graph()!.call_stack[0];
 *   console.log(entry.frame.name); // main
 * })());
 * ```
 */
export class FrameCallGraphEntry {
  /** The frame. */
  readonly frame: CallFrame;

  /** Wraps `frame`. */
  constructor(frame: CallFrame) {
    this.frame = frame;
  }
}

/**
 * The call graph of a Future or Task: its call stack (innermost first) and
 * the graphs of what awaits it. Python's `FutureCallGraph`.
 *
 * @example
 * ```ts
 * import { capture_call_graph, coroutine, create_task, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async function main() {
 *   const child = create_task(sleep(1), { name: "child" });
 *   await sleep(0);
 *   const graph = capture_call_graph(child)!;
 *   console.log(graph.future === child, graph.awaited_by.length); // true 0
 *   child.cancel();
 * })(), { clock: "virtual" });
 * ```
 */
export class FutureCallGraph {
  /** The Future or Task. */
  readonly future: Future<unknown>;
  /** Its call stack, innermost frame first. */
  readonly call_stack: readonly FrameCallGraphEntry[];
  /** The graphs of the Futures and Tasks that await it. */
  readonly awaited_by: readonly FutureCallGraph[];

  /** Makes a graph node. */
  constructor(
    future: Future<unknown>,
    call_stack: readonly FrameCallGraphEntry[],
    awaited_by: readonly FutureCallGraph[],
  ) {
    this.future = future;
    this.call_stack = call_stack;
    this.awaited_by = awaited_by;
  }
}

/** Options of `capture_call_graph` and `format_call_graph`: Python's keyword arguments. */
export interface CallGraphOptions {
  /**
   * For the current task: how many frames to skip from the top of its
   * stack (1, the default, starts at the caller).
   */
  depth?: number;
  /**
   * At most `abs(limit)` frames per call stack: the outermost ones when
   * positive, the innermost when negative; `0` shows only "awaited by".
   */
  limit?: number | null;
}

/** Options of `print_call_graph`. */
export interface PrintCallGraphOptions extends CallGraphOptions {
  /** Where to write (a function given the text, or an object with `write`); `console.log` by default. */
  file?: ((text: string) => unknown) | { write(text: string): unknown } | null;
}

// ---------------------------------------------------------------------------
// The "awaited by" records

/**
 * Records that `waiter` awaits `fut`, for call graphs (as `gather`,
 * `shield` and `TaskGroup` do). Does nothing unless both are Futures.
 *
 * @example
 * ```ts
 * import { capture_call_graph, future_add_to_awaited_by, future_discard_from_awaited_by, Future, new_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop();
 * const fut = new Future({ loop }), waiter = new Future({ loop });
 * future_add_to_awaited_by(fut, waiter);
 * console.log(capture_call_graph(fut)!.awaited_by[0].future === waiter); // true
 * future_discard_from_awaited_by(fut, waiter);
 * loop.close();
 * ```
 */
export function future_add_to_awaited_by(fut: unknown, waiter: unknown): void {
  if (!(fut instanceof Future) || !(waiter instanceof Future)) return;
  let waiters = records.get(fut);
  if (waiters === undefined) records.set(fut, waiters = new Set());
  waiters.add(waiter);
}

/**
 * Forgets that `waiter` awaits `fut`. Does nothing unless both are Futures.
 *
 * @example
 * ```ts
 * import { future_add_to_awaited_by, future_discard_from_awaited_by, Future, new_event_loop } from "@aiots/asyncio";
 * const loop = new_event_loop();
 * const fut = new Future({ loop }), waiter = new Future({ loop });
 * future_add_to_awaited_by(fut, waiter);
 * future_discard_from_awaited_by(fut, waiter);
 * loop.close();
 * ```
 */
export function future_discard_from_awaited_by(fut: unknown, waiter: unknown): void {
  if (!(fut instanceof Future) || !(waiter instanceof Future)) return;
  records.get(fut)?.delete(waiter);
}

/** The records of `future_add_to_awaited_by`: user code's, so a side table. */
const records = new WeakMap<Future<unknown>, Set<Future<unknown>>>();

/**
 * Marks `callback`, a done callback that `gather`, `shield` or a
 * `TaskGroup` adds to the futures it waits for, as standing for `task`:
 * while a future holds it, `task` awaits that future. One property per
 * gather, shield or group, and nothing per child: the edges are read from
 * the futures' callbacks when a graph is taken.
 *
 * @ignore
 */
export function _stands_for(callback: object, task: Future<unknown>): void {
  (callback as Record<symbol, unknown>)[AWAITING_TASK] = task;
}

const AWAITING_TASK: unique symbol = Symbol("awaiting task");

/** The task a done callback stands for, if it was marked (`_stands_for`). */
function task_of_callback(callback: unknown): Future<unknown> | undefined {
  if (typeof callback !== "function") return undefined;
  const marked = (callback as unknown as Record<symbol, unknown>)[AWAITING_TASK] ??
    // A callback added with a Context is wrapped; the wrapper keeps it.
    (callback as { _callback?: Record<symbol, unknown> })._callback?.[AWAITING_TASK];
  return marked instanceof Future ? marked : undefined;
}

/**
 * What awaits `future`: the Futures recorded for it, the tasks its marked
 * done callbacks stand for (gather, shield, TaskGroup), and the tasks whose
 * current wait is on it (their `_fut_waiter`). Nothing of this costs the
 * await path: it is all read now.
 */
function awaiters_of(future: Future<unknown>): Future<unknown>[] {
  const found = new Set<Future<unknown>>(records.get(future));
  const callbacks = future._callbacks;
  for (const callback of Array.isArray(callbacks) ? callbacks : [callbacks]) {
    const task = task_of_callback(callback);
    if (task !== undefined) found.add(task);
  }
  if (!future._loop.is_closed()) {
    for (const task of all_tasks(future._loop)) {
      if (task._fut_waiter === future) found.add(task);
    }
  }
  return [...found];
}

// ---------------------------------------------------------------------------
// Frames

/** The live frames of the running task, innermost first, from the caller `depth` levels up. */
function live_frames(task: Task<unknown>, depth: number): CallFrame[] {
  const lines = parse_stack(new Error().stack);
  let start = 0;
  while (start < lines.length && lines[start].url === THIS_MODULE) start++;
  start += Math.max(0, depth - 1);
  const coroutine_names = new Set(task._frames().map((frame) => frame.name));
  const frames: CallFrame[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (is_machinery(line)) break;
    frames.push({
      name: line.name,
      kind: line.is_async || coroutine_names.has(line.name) ? "async" : "function",
      filename: line.file,
      lineno: line.line,
    });
  }
  return frames;
}

/** Keeps at most `abs(limit)` frames of `frames` (innermost first): the outermost when positive. */
function limited(frames: CallFrame[], limit: number | null): CallFrame[] {
  if (limit === null) return frames;
  if (limit === 0) return [];
  return limit > 0 ? frames.slice(-limit) : frames.slice(0, -limit);
}

function build(
  future: Future<unknown>,
  limit: number | null,
  path: Set<Future<unknown>>,
): FutureCallGraph {
  const stack = future instanceof Task && limit !== 0
    ? limited(suspended_frames(future), limit)
    : [];
  path.add(future);
  const awaited_by: FutureCallGraph[] = [];
  for (const waiter of awaiters_of(future)) {
    if (!path.has(waiter)) awaited_by.push(build(waiter, limit, path));
  }
  path.delete(future);
  return new FutureCallGraph(
    future,
    stack.map((frame) => new FrameCallGraphEntry(frame)),
    awaited_by,
  );
}

function check_options(
  options: CallGraphOptions | undefined,
  where: string,
): [number, number | null] {
  const depth = options?.depth ?? 1;
  const limit = options?.limit ?? null;
  if (!Number.isInteger(depth) || depth < 0) {
    throw new TypeError(`${where}: depth must be an integer of 0 or more, got ${repr(depth)}`);
  }
  if (limit !== null && !Number.isInteger(limit)) {
    throw new TypeError(`${where}: limit must be an integer or null, got ${repr(limit)}`);
  }
  return [depth, limit];
}

// ---------------------------------------------------------------------------
// The public functions

/**
 * Captures the call graph of `future` (a Future or Task), or of the
 * current task when none is given: its call stack and, recursively, what
 * awaits it.
 *
 * @param future The Future or Task; the current task when omitted or `null`.
 * @param options `depth` (frames of the current task to skip) and `limit`.
 * @returns The graph, or `null` when no future is given and no task runs.
 * @throws {RuntimeError} When no future is given and no loop runs.
 * @throws {TypeError} When `future` is not a Future.
 *
 * @example
 * ```ts
 * import { capture_call_graph, coroutine, run } from "@aiots/asyncio";
 * await run(coroutine(async function main() {
 *   const graph = capture_call_graph()!;
 *   console.log(graph.call_stack[0].frame.name); // main
 * })());
 * ```
 */
export function capture_call_graph(
  future?: Future<unknown> | null,
  options?: CallGraphOptions,
): FutureCallGraph | null {
  const [depth, limit] = check_options(options, "capture_call_graph()");
  const loop: AbstractEventLoop | null = _get_running_loop();
  if (future !== undefined && future !== null) {
    if (!(future instanceof Future)) {
      throw new TypeError(
        `${repr(future)} object does not appear to be compatible with asyncio.Future`,
      );
    }
    if (loop === null || future !== loop._current_task) return build(future, limit, new Set());
  } else {
    if (loop === null) {
      throw new RuntimeError(
        "capture_call_graph() is called outside of a running event loop and no *future* to " +
          "introspect was provided",
      );
    }
    future = loop._current_task;
    if (future === null) return null;
  }
  const task = future as Task<unknown>;
  const stack = limit === 0 ? [] : limited(live_frames(task, depth), limit);
  const path = new Set<Future<unknown>>([task]);
  const awaited_by = awaiters_of(task).filter((w) => w !== task).map((w) => build(w, limit, path));
  return new FutureCallGraph(
    task,
    stack.map((frame) => new FrameCallGraphEntry(frame)),
    awaited_by,
  );
}

function render(graph: FutureCallGraph, lines: string[], level: number): void {
  const indent = "    ".repeat(level);
  const future = graph.future;
  lines.push(
    future instanceof Task
      ? `${indent}* Task(name=${repr_name(future.get_name())}, id=${address_of(future)})`
      : `${indent}* Future(id=${address_of(future)})`,
  );
  if (graph.call_stack.length > 0) {
    lines.push(`${indent}  + Call stack:`);
    for (const { frame } of graph.call_stack) {
      const where = `File '${frame.filename ?? "<unknown>"}', line ${frame.lineno ?? 0}`;
      const tag = frame.kind === "async" ? "async " : "";
      lines.push(`${indent}  |   ${where}, in ${tag}${frame.name}()`);
    }
  }
  if (graph.awaited_by.length > 0) {
    lines.push(`${indent}  + Awaited by:`);
    for (const waiter of graph.awaited_by) render(waiter, lines, level + 1);
  }
}

/** A name as Python's `repr` of a str. */
function repr_name(name: string): string {
  return name.includes("'") && !name.includes('"')
    ? `"${name}"`
    : `'${name.replaceAll("'", "\\'")}'`;
}

/**
 * The call graph of `future` (or of the current task) as text, in
 * CPython's format; `""` when no future is given and no task runs.
 *
 * @param future The Future or Task; the current task when omitted or `null`.
 * @param options `depth` and `limit`, as `capture_call_graph`.
 * @returns The text, lines joined by `\n`.
 *
 * @example
 * ```ts
 * import { coroutine, format_call_graph, run } from "@aiots/asyncio";
 * await run(coroutine(async function main() {
 *   console.log(format_call_graph().split("\n")[0].startsWith("* Task(name='Task-")); // true
 * })());
 * ```
 */
export function format_call_graph(
  future?: Future<unknown> | null,
  options?: CallGraphOptions,
): string {
  const [depth, limit] = check_options(options, "format_call_graph()");
  // Frames of this module are skipped by themselves: `depth` counts from the caller.
  const graph = capture_call_graph(future, { depth, limit });
  if (graph === null) return "";
  const lines: string[] = [];
  render(graph, lines, 0);
  return lines.join("\n");
}

/**
 * Prints the call graph of `future` (or of the current task), as
 * `format_call_graph` gives it.
 *
 * @param future The Future or Task; the current task when omitted or `null`.
 * @param options `depth`, `limit`, and `file` (where to write; `console.log` by default).
 *
 * @example
 * ```ts
 * import { coroutine, print_call_graph, run } from "@aiots/asyncio";
 * await run(coroutine(async function main() {
 *   print_call_graph(); // * Task(name='Task-1', id=0x...) and its call stack
 * })());
 * ```
 */
export function print_call_graph(
  future?: Future<unknown> | null,
  options?: PrintCallGraphOptions,
): void {
  const [depth, limit] = check_options(options, "print_call_graph()");
  const text = format_call_graph(future, { depth, limit });
  if (text === "") return;
  write_to(options?.file ?? null, text);
}

function write_to(file: PrintCallGraphOptions["file"], text: string): void {
  if (file === null || file === undefined) console.log(text);
  else if (typeof file === "function") file(text + "\n");
  else file.write(text + "\n");
}

// ---------------------------------------------------------------------------
// The task tree

/**
 * Every unfinished task of `loop` as a tree, in the format of Python
 * 3.14's `python -m asyncio pstree`: each task that nothing awaits is a
 * root; under a task, its coroutine frames, outermost first, and under its
 * innermost frame the tasks that it awaits (through a `gather`, a
 * `TaskGroup`, a `shield` or directly).
 *
 * @param loop The loop.
 * @returns The tree, lines joined by `\n`.
 *
 * @example
 * ```ts
 * import { coroutine, create_task, format_task_tree, get_running_loop, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async function main() {
 *   const child = create_task(sleep(1), { name: "sleeper" });
 *   await sleep(0);
 *   console.log(format_task_tree(get_running_loop()).includes("(T) sleeper")); // true
 *   child.cancel();
 * })(), { clock: "virtual" });
 * ```
 */
export function format_task_tree(loop: AbstractEventLoop): string {
  const tasks = [...all_tasks(loop)];
  // The tasks each task awaits, through plain Futures (a gather's) too.
  const children = new Map<Future<unknown>, Task<unknown>[]>();
  const awaited = new Set<Task<unknown>>();
  const owner_tasks = (future: Future<unknown>, seen: Set<Future<unknown>>): Task<unknown>[] => {
    if (future instanceof Task) return [future];
    if (seen.has(future)) return [];
    seen.add(future);
    return awaiters_of(future).flatMap((waiter) => owner_tasks(waiter, seen));
  };
  for (const task of tasks) {
    for (const waiter of awaiters_of(task)) {
      for (const parent of owner_tasks(waiter, new Set())) {
        if (parent === task) continue;
        const list = children.get(parent) ?? [];
        list.push(task);
        children.set(parent, list);
        awaited.add(task);
      }
    }
  }
  const lines: string[] = [];
  const visit = (task: Task<unknown>, prefix: string, last: boolean, path: Set<Task<unknown>>) => {
    lines.push(`${prefix}${last ? "└── " : "├── "}(T) ${task.get_name()}`);
    let inner = prefix + (last ? "    " : "│   ");
    const frames = (task === loop._current_task ? live_frames(task, 1) : suspended_frames(task))
      .reverse();
    for (const frame of frames) {
      const where = frame.filename === null ? "" : ` ${frame.filename}:${frame.lineno}`;
      lines.push(`${inner}└──  ${frame.name}${where}`);
      inner += "    ";
    }
    const kids = (children.get(task) ?? []).filter((kid) => !path.has(kid));
    path.add(task);
    kids.forEach((kid, i) => visit(kid, inner, i === kids.length - 1, path));
    path.delete(task);
  };
  const roots = tasks.filter((task) => !awaited.has(task));
  roots.forEach((task, i) => visit(task, "", i === roots.length - 1, new Set()));
  return lines.join("\n");
}

/**
 * Prints the task tree of `loop` (`format_task_tree`) each time the
 * process receives `signal`: how to see where a stuck program waits.
 * Beyond CPython (whose `python -m asyncio pstree PID` reads another
 * process from outside). Debug mode adds the file and line of each
 * async-function frame.
 *
 * @param loop The loop.
 * @param signal The signal's name, such as `"SIGUSR2"` (Deno answers `SIGUSR1` by starting
 * its inspector).
 * @param options `file`: where to write (`console.error` by default).
 * @returns A function that removes the handler.
 *
 * @example
 * ```ts ignore
 * import { add_task_dump_handler, coroutine, get_running_loop, run, sleep } from "@aiots/asyncio";
 * await run(coroutine(async function main() {
 *   const remove = add_task_dump_handler(get_running_loop(), "SIGUSR2");
 *   await sleep(60); // kill -USR2 <pid> prints the tree
 *   remove();
 * })());
 * ```
 */
export function add_task_dump_handler(
  loop: AbstractEventLoop,
  signal: string,
  options?: { file?: PrintCallGraphOptions["file"] },
): () => void {
  const file = options?.file ?? ((text: string) => console.error(text.trimEnd()));
  loop.add_signal_handler(signal, () => write_to(file, format_task_tree(loop)));
  return () => {
    loop.remove_signal_handler(signal);
  };
}
