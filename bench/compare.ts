/**
 * One table of the foundation's figures against CPython asyncio and plain
 * JavaScript, with the targets of the issue:
 *
 *     deno run -A bench/compare.ts [--runs N]
 *
 * Our cases and the plain-JS ones run once to warm up, then `N` times (3 by
 * default), and the median is shown. Each CPython workload runs once in its
 * own interpreter and reports its own timing (startup excluded). The ratio
 * is CPython's time over ours; memory compares bytes per sleeping task.
 *
 * @module
 */

import * as w from "./_core_workloads.ts";
import { type PyReport, python, run_script } from "./_harness.ts";
import { measure_memory, MEMORY_TARGET_BYTES } from "./_core_memory.ts";

const runs_at = Deno.args.indexOf("--runs");
const RUNS = runs_at >= 0 ? Number(Deno.args[runs_at + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`compare.ts: --runs must be a positive integer, got ${Deno.args[runs_at + 1]}`);
  Deno.exit(2);
}

/** Warms `fn` up once, then returns the median of `RUNS` timed runs, in ms. */
async function time_js(fn: (n: number) => Promise<void>, n: number): Promise<number> {
  await fn(n);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn(n);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const python_cache = new Map<string, Promise<PyReport>>();

/** CPython's own timing of `py/<script> variant n`, in ms (each distinct run once). */
function time_py(script: string, variant: string, n: number): Promise<number | null> {
  if (python === null) return Promise.resolve(null);
  const key = `${script} ${variant} ${n}`;
  let report = python_cache.get(key);
  if (report === undefined) {
    report = run_script(script, [variant, String(n)]);
    python_cache.set(key, report);
  }
  return report.then((r) => r.ms as number);
}

interface Row {
  workload: string;
  ours: string;
  cpython: string;
  ratio: string;
  target: string;
  result: string;
  plain: string;
}

const rows: Row[] = [];

function fmt_ms(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function timed_row(
  workload: string,
  ours: (n: number) => Promise<void>,
  n: number,
  py: [script: string, variant: string],
  target: number | null,
  plain: [string, (n: number) => Promise<void>][],
): Promise<void> {
  console.error(`... ${workload}`);
  const ours_ms = await time_js(ours, n);
  const plain_parts: string[] = [];
  for (const [label, fn] of plain) plain_parts.push(`${label}: ${fmt_ms(await time_js(fn, n))} ms`);
  const py_ms = await time_py(py[0], py[1], n);
  const ratio = py_ms === null ? null : py_ms / ours_ms;
  rows.push({
    workload,
    ours: fmt_ms(ours_ms),
    cpython: py_ms === null ? "n/a" : fmt_ms(py_ms),
    ratio: ratio === null ? "n/a" : `${ratio.toFixed(1)}x`,
    target: target === null ? "-" : `>= ${target}x`,
    result: ratio === null || target === null ? "-" : ratio >= target ? "pass" : "FAIL",
    plain: plain_parts.join("; ") || "-",
  });
}

const { call_soon, sleep0, spawn, timers } = w.SIZES;

await timed_row(
  "call_soon chain x1M",
  w.call_soon_chain,
  call_soon,
  [
    "core_call_soon.py",
    "chain",
  ],
  10,
  [["queueMicrotask chain", w.microtask_chain]],
);
await timed_row(
  "call_soon batch x1M",
  w.call_soon_batch,
  call_soon,
  [
    "core_call_soon.py",
    "batch",
  ],
  10,
  [["queueMicrotask batch", w.microtask_batch]],
);
await timed_row(
  "sleep(0) generator task x1M",
  w.sleep0_generator,
  sleep0,
  [
    "core_sleep0.py",
    "task",
  ],
  10,
  [],
);
await timed_row(
  "sleep(0) async fn task x1M",
  w.sleep0_async_fn,
  sleep0,
  [
    "core_sleep0.py",
    "task",
  ],
  5,
  [["await null", w.await_null], ["await Promise.resolve()", w.await_resolved]],
);
await timed_row(
  "spawn+await async tasks x100k",
  w.spawn_async,
  spawn,
  [
    "core_spawn.py",
    "tasks",
  ],
  5,
  [["async fn calls", w.spawn_promises]],
);
await timed_row(
  "spawn+await generator tasks x100k",
  w.spawn_generator,
  spawn,
  [
    "core_spawn.py",
    "tasks",
  ],
  5,
  [],
);
await timed_row(
  "call_later+cancel x200k",
  w.timers,
  timers,
  [
    "core_timers.py",
    "call_later",
  ],
  null,
  [["setTimeout+clearTimeout", w.host_timers]],
);

console.error("... memory");
const memory = await measure_memory(w.SIZES.memory);
const py_bytes = memory.cpython_bytes_per_task;
for (
  const [label, bytes] of [
    ["async fn", memory.async_bytes_per_task],
    ["generator", memory.generator_bytes_per_task],
  ] as const
) {
  rows.push({
    workload: `memory per sleeping ${label} task (B), ${memory.n} tasks`,
    ours: String(bytes),
    cpython: py_bytes === null
      ? "n/a"
      : `${Math.round(py_bytes)} (RSS ${Math.round(memory.cpython_rss_bytes_per_task!)})`,
    ratio: py_bytes === null ? "n/a" : `${(py_bytes / bytes).toFixed(2)}x`,
    target: `< ${MEMORY_TARGET_BYTES} B`,
    result: bytes < MEMORY_TARGET_BYTES ? "pass" : "FAIL",
    plain: `pending async fn: ${memory.promise_bytes_per_task} B`,
  });
}

// ----------------------------------------------------------------- output

async function python_version(): Promise<string> {
  if (python === null) return "none found";
  const out = await new Deno.Command(python, { args: ["--version"], stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

const header: Row = {
  workload: "workload",
  ours: "asyncio-ts (ms)",
  cpython: "CPython (ms)",
  ratio: "ratio",
  target: "target",
  result: "result",
  plain: "plain JS (ms)",
};
const keys = Object.keys(header) as (keyof Row)[];
const widths = keys.map((k) => Math.max(header[k].length, ...rows.map((r) => r[k].length)));
const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i])).join(" | ")} |`;

console.log(
  `Deno ${Deno.version.deno} (V8 ${Deno.version.v8}), ${await python_version()}, ` +
    `${navigator.hardwareConcurrency} CPUs; median of ${RUNS} runs after a warm-up for JS, ` +
    `one run for CPython (its own timing, startup excluded); ratio = CPython / asyncio-ts.`,
);
console.log(line(header));
console.log(`|${widths.map((n) => "-".repeat(n + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
