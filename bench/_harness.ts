/**
 * What every benchmark shares: running our workloads on a fresh loop, the
 * CPython side, and the `deno bench` groups that compare the two.
 *
 * - `on_new_loop` runs one of our workloads as the main coroutine of a
 *   fresh real-clock loop; `check_sum` checks the `0 + 1 + ... + n-1` total
 *   several workloads return.
 * - `run_script` runs a `py/*.py` script once in its own interpreter and
 *   returns the JSON line it prints (its own timing, interpreter startup
 *   excluded): what `compare.ts` and the memory measurement use.
 * - `bench_group` registers one workload's group: our cases (the first is
 *   the baseline, so the summary's "x faster than" lines are ratios to
 *   ours), the plain-JavaScript ones, and the CPython case. The CPython
 *   case asks one long-lived interpreter (`py/_common.py` in server mode,
 *   shared by every group of the file) to run the workload and times just
 *   that run, not the interpreter's startup and imports. Without CPython
 *   3.12+ the CPython cases are skipped, with a note.
 *
 * @module
 */

import { type Coroutine, new_event_loop } from "../mod.ts";
import { find_python } from "../tests/_python.ts";

// ---------------------------------------------------------------------------
// Our side

/** Runs `main()` as the main coroutine of a fresh real-clock loop, then closes the loop. */
export async function on_new_loop<T>(main: () => Coroutine<T>): Promise<T> {
  const loop = new_event_loop();
  try {
    return await loop.run_until_complete(main());
  } finally {
    loop.close();
  }
}

/** Checks that `total` is `0 + 1 + ... + (n - 1)`, what `what` should have summed. */
export function check_sum(total: number, n: number, what: string): void {
  if (total !== n * (n - 1) / 2) throw new Error(`${what}: wrong total ${total}`);
}

// ---------------------------------------------------------------------------
// The CPython side

/** The directory of the Python scripts. */
const PY_DIR: string = new URL("./py/", import.meta.url).pathname;

/** CPython 3.12+ for the benchmarks, or `null` when there is none. */
export const python: string | null = await find_python();

/** What a script (or the server) reports: at least `ms` for timed workloads. */
export interface PyReport {
  variant: string;
  n: number;
  ms?: number;
  [key: string]: unknown;
}

/** Runs `py/<script>` with `args` once and parses the JSON line it prints. */
export async function run_script(script: string, args: string[]): Promise<PyReport> {
  if (python === null) throw new Error("no CPython 3.12+ found");
  const out = await new Deno.Command(python, {
    args: [`${PY_DIR}${script}`, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { PYTHONHASHSEED: "0" },
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    throw new Error(`${script} ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return JSON.parse(text.split("\n").pop() as string) as PyReport;
}

/** A child's output, line by line. */
export class LineReader {
  readonly #reader: ReadableStreamDefaultReader<string>;
  #buffer = "";

  /** Reads `stream` (a child's stdout) as text. */
  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** The next line, without its newline; throws once the output ends. */
  async next(): Promise<string> {
    for (;;) {
      const newline = this.#buffer.indexOf("\n");
      if (newline >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        return line;
      }
      const { value, done } = await this.#reader.read();
      if (done) throw new Error("the process exited before answering");
      this.#buffer += value;
    }
  }

  /** Stops reading. */
  cancel(): Promise<void> {
    return this.#reader.cancel();
  }
}

/**
 * One long-lived CPython process that runs workloads on request. It is
 * started on first use and unref'd: it never keeps Deno alive, and it exits
 * when Deno does (its stdin closes).
 */
class PythonServer {
  #child: Deno.ChildProcess | null = null;
  #writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  #lines: LineReader | null = null;
  readonly #encoder = new TextEncoder();

  #start(): void {
    if (python === null) throw new Error("no CPython 3.12+ found");
    const child = new Deno.Command(python, {
      args: [`${PY_DIR}_common.py`],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
      env: { PYTHONHASHSEED: "0" },
    }).spawn();
    child.unref();
    this.#child = child;
    this.#writer = child.stdin.getWriter();
    this.#lines = new LineReader(child.stdout);
  }

  /** Runs `WORKLOADS[variant](n)` of `py/<module>.py`; resolves with its report. */
  async run(module: string, variant: string, n: number): Promise<PyReport> {
    if (this.#child === null) this.#start();
    const child = this.#child as Deno.ChildProcess;
    child.ref(); // keeps Deno alive while the answer is awaited
    try {
      await this.#writer!.write(this.#encoder.encode(`${module} ${variant} ${n}\n`));
      return JSON.parse(await this.#lines!.next()) as PyReport;
    } finally {
      child.unref();
    }
  }
}

const server = new PythonServer();

// ---------------------------------------------------------------------------
// The groups

/** How many times `deno bench` runs a case: `n` timed runs after `warmup` ones. */
export interface Runs {
  n: number;
  warmup: number;
}

/** One case of a group: its label and what it runs. */
export type Case = [label: string, run: () => PromiseLike<unknown>];

/** One workload's group, for `bench_group`. */
export interface Group {
  /** Our cases; the first is the group's baseline. */
  ours: Case[];
  /** The plain-JavaScript equivalents, if any. */
  plain?: Case[];
  /** The CPython case: `WORKLOADS[variant](n)` of `py/<module>.py`. */
  cpython: [module: string, variant: string, n: number];
}

let noted_missing_python = false;

/**
 * Registers the `deno bench` cases of one workload's group, named
 * `asyncio-ts: <label>`, `plain JS: <label>` and `CPython: <module>.py <variant>`.
 *
 * @param name The group's name (the workload and its size).
 * @param group Its cases.
 * @param runs The runs of our and the plain-JS cases, and of the CPython case.
 */
export function bench_group(
  name: string,
  group: Group,
  runs: { ours: Runs; cpython: Runs },
): void {
  // deno bench awaits `fn` only when it is an `async function`, hence the wrappers.
  group.ours.forEach(([label, run], index) => {
    Deno.bench({
      name: `asyncio-ts: ${label}`,
      group: name,
      baseline: index === 0,
      ...runs.ours,
      fn: async () => {
        await run();
      },
    });
  });
  for (const [label, run] of group.plain ?? []) {
    Deno.bench({
      name: `plain JS: ${label}`,
      group: name,
      ...runs.ours,
      fn: async () => {
        await run();
      },
    });
  }
  const [module, variant, n] = group.cpython;
  if (python === null && !noted_missing_python) {
    noted_missing_python = true;
    console.log("no CPython 3.12+ found: the CPython cases are skipped");
  }
  Deno.bench({
    name: `CPython: ${module}.py ${variant}`,
    group: name,
    ignore: python === null,
    ...runs.cpython,
    async fn(b) {
      b.start();
      const report = await server.run(module, variant, n);
      b.end();
      if (typeof report.ms !== "number") throw new Error(`${module}.py: no timing reported`);
    },
  });
}
