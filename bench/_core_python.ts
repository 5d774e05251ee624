/**
 * Runs the CPython side of the core benchmarks (`py/core_*.py`).
 *
 * - `run_script` runs a script once in its own interpreter and returns the
 *   JSON line it prints (its own timing, interpreter startup excluded):
 *   what `compare.ts` uses.
 * - `PythonServer` keeps one interpreter running `py/core_common.py` in
 *   server mode and asks it for one workload at a time, so a `Deno.bench`
 *   case can time just that workload (between `b.start()` and `b.end()`),
 *   not the interpreter's startup and imports.
 *
 * @module
 */

import { find_python } from "../tests/_python.ts";

/** The directory of the Python scripts. */
export const PY_DIR: string = new URL("./py/", import.meta.url).pathname;

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

/**
 * One long-lived CPython process that runs workloads on request. It is
 * started on first use and unref'd: it never keeps Deno alive, and it exits
 * when Deno does (its stdin closes).
 */
export class PythonServer {
  #child: Deno.ChildProcess | null = null;
  #writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  #reader: ReadableStreamDefaultReader<string> | null = null;
  #buffer = "";
  readonly #encoder = new TextEncoder();

  #start(): void {
    if (python === null) throw new Error("no CPython 3.12+ found");
    const child = new Deno.Command(python, {
      args: [`${PY_DIR}core_common.py`],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
      env: { PYTHONHASHSEED: "0" },
    }).spawn();
    child.unref();
    this.#child = child;
    this.#writer = child.stdin.getWriter();
    this.#reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  }

  async #read_line(): Promise<string> {
    for (;;) {
      const newline = this.#buffer.indexOf("\n");
      if (newline >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        return line;
      }
      const { value, done } = await this.#reader!.read();
      if (done) throw new Error("the CPython benchmark server exited");
      this.#buffer += value;
    }
  }

  /** Runs `WORKLOADS[variant](n)` of `py/<module>.py`; resolves with its report. */
  async run(module: string, variant: string, n: number): Promise<PyReport> {
    if (this.#child === null) this.#start();
    const child = this.#child as Deno.ChildProcess;
    child.ref(); // keeps Deno alive while the answer is awaited
    try {
      await this.#writer!.write(this.#encoder.encode(`${module} ${variant} ${n}\n`));
      return JSON.parse(await this.#read_line()) as PyReport;
    } finally {
      child.unref();
    }
  }
}
