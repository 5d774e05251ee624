/**
 * Memory per sleeping task, ours and CPython's: runs `memory.ts` (with
 * `--expose-gc`) and `py/core_memory.py` side by side and formats the result.
 *
 * @module
 */

import { python, run_script } from "./_harness.ts";

/** Bytes per sleeping task we aim to stay under. */
export const MEMORY_TARGET_BYTES = 1024;

/** The figures of one memory measurement, in bytes per task. */
export interface MemoryFigures {
  n: number;
  async_bytes_per_task: number;
  generator_bytes_per_task: number;
  promise_bytes_per_task: number;
  /** CPython, Python allocations (tracemalloc); `null` without CPython. */
  cpython_bytes_per_task: number | null;
  /** CPython, process RSS growth; `null` without CPython. */
  cpython_rss_bytes_per_task: number | null;
  /** A few lines describing the figures. */
  text: string;
}

async function ours(n: number): Promise<Omit<MemoryFigures, "text" | `cpython_${string}`>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--v8-flags=--expose-gc",
      "--allow-env=ASYNCIO_DEBUG",
      new URL("./memory.ts", import.meta.url).pathname,
      String(n),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`memory.ts failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(out.stdout).trim());
}

/** Measures ours and CPython's (when found) bytes per sleeping task, with `n` tasks. */
export async function measure_memory(n: number): Promise<MemoryFigures> {
  const [mine, theirs] = await Promise.all([
    ours(n),
    python === null ? Promise.resolve(null) : run_script("core_memory.py", [String(n)]),
  ]);
  const cpython = theirs === null ? null : theirs.bytes_per_task as number;
  const cpython_rss = theirs === null ? null : theirs.rss_bytes_per_task as number;
  const verdict = (bytes: number) => bytes < MEMORY_TARGET_BYTES ? "under" : "OVER";
  const lines = [
    `memory per sleeping task (${n} tasks in await sleep(1000)), target < ${MEMORY_TARGET_BYTES} B:`,
    `  asyncio-ts async fn task:  ${mine.async_bytes_per_task} B (${
      verdict(mine.async_bytes_per_task)
    } target)`,
    `  asyncio-ts generator task: ${mine.generator_bytes_per_task} B (${
      verdict(mine.generator_bytes_per_task)
    } target)`,
    `  plain JS pending async fn: ${mine.promise_bytes_per_task} B`,
    cpython === null
      ? "  CPython: skipped (no CPython 3.12+ found)"
      : `  CPython task: ${cpython} B (tracemalloc), ${cpython_rss} B (RSS growth)`,
  ];
  return {
    ...mine,
    cpython_bytes_per_task: cpython,
    cpython_rss_bytes_per_task: cpython_rss,
    text: lines.join("\n"),
  };
}
