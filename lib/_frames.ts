/**
 * The frames of a task's coroutines, for call graphs and `Task.get_stack`:
 * JavaScript stack lines parsed, and the frames a suspended task can show.
 *
 * @module
 */

import type { TaskFrame } from "./tasks.ts";

/** One frame of a call stack. */
export interface CallFrame {
  /** The function's name (Python's `co_qualname`). */
  readonly name: string;
  /** `"async"` for a coroutine (async function or generator), `"function"` for a plain call. */
  readonly kind: "async" | "function";
  /** The file, or `null` where V8 cannot say. */
  readonly filename: string | null;
  /** The line, or `null` where V8 cannot say. */
  readonly lineno: number | null;
}

/** `at [async ]name (file:line:col)` or `at [async ]file:line:col`. */
const STACK_LINE = /^\s*at (async )?(?:(.*?) \((.*):(\d+):\d+\)|(.*):(\d+):\d+)$/;

export interface StackLine {
  url: string;
  is_async: boolean;
  name: string;
  file: string;
  line: number;
}

export function parse_stack(stack: string | null | undefined): StackLine[] {
  const lines: StackLine[] = [];
  for (const text of (stack ?? "").split("\n")) {
    const match = STACK_LINE.exec(text);
    if (match === null) continue;
    const file = match[3] ?? match[5];
    lines.push({
      url: file,
      is_async: match[1] !== undefined,
      name: (match[2] ?? "<anonymous>").replace(/^Object\./, ""),
      file: file.startsWith("file://") ? decodeURIComponent(new URL(file).pathname) : file,
      line: Number(match[4] ?? match[6]),
    });
  }
  return lines;
}

/** The library's scheduling machinery: a live stack of a task ends where these begin. */
const MACHINERY = /\/lib\/(tasks|base_events|events|_native|futures|coroutines)\.ts$/;

/**
 * This module's URL when the library is bundled (the npm package, the
 * browser build): the file that holds the library's code, machinery
 * included, whose frames are then all taken for machinery. `null` when
 * the library runs from its sources.
 */
const BUNDLE_URL: string | null = /\/lib\/_frames\.ts$/.test(import.meta.url)
  ? null
  : import.meta.url;

export function is_machinery(line: StackLine): boolean {
  return MACHINERY.test(line.file) || line.url === BUNDLE_URL || line.file === "<anonymous>" ||
    line.name.startsWith("Generator.");
}

/** The frames of a suspended task, innermost first. */
export function suspended_frames(task: { _frames(): TaskFrame[] }): CallFrame[] {
  const frames: CallFrame[] = [];
  for (const frame of task._frames()) frames.push(...frames_of(frame));
  return frames;
}

function frames_of(frame: TaskFrame): CallFrame[] {
  const name = frame.name ?? (frame.kind === "async" ? "<async function>" : "<generator>");
  if (frame.site !== null) {
    // The awaiting async functions, innermost first, up to this frame's own.
    const chain = parse_stack(frame.site).filter((line) => line.is_async && !is_machinery(line));
    const own = chain.findIndex((line) => line.name === name || line.name.endsWith(`.${name}`));
    const used = own >= 0 ? chain.slice(0, own + 1) : chain.slice(0, 1);
    if (used.length > 0) {
      return used.map((line) => ({
        name: line.name,
        kind: "async" as const,
        filename: line.file,
        lineno: line.line,
      }));
    }
  }
  return [{ name, kind: "async", filename: null, lineno: null }];
}
