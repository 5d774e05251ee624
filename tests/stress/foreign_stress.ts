/**
 * Runs the seeded programs of `foreign_program.ts` and reports, one JSON
 * line per seed, then a summary line; exits 1 on any violation or hang.
 *
 *     deno run -A tests/stress/foreign_stress.ts [--from N] [--count N] [--no-async-context]
 *       [--foreign-first] [--track-tasks]
 *     node tests/stress/foreign_stress.bundle.mjs [--from N] [--count N]
 *
 * `--foreign-first` makes each program's main await a foreign promise
 * before it starts its tasks (so the loop tracks them), `--track-tasks`
 * runs it with `{ track_tasks: true }`. `--no-async-context` removes the `process` global before the library
 * loads: the library then finds no `AsyncLocalStorage`, as in a browser.
 * (`Deno` stays: Deno's `node:` modules need it, and the core never
 * reads it but for `ASYNCIO_DEBUG`.)
 *
 * @module
 */

import { createServer } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ForeignOps, type ProgramReport, run_program } from "./foreign_program.ts";

/** Wall time a program may take before it counts as hung. */
const HANG_SECONDS = 20;

// deno-lint-ignore no-explicit-any
const host = globalThis as any;
const argv: string[] = host.Deno?.args ?? host.process.argv.slice(2);
// Kept: `--no-async-context` deletes the global `process` before the end.
const node_process = host.process;
const exit: (code: number) => never = host.Deno?.exit ??
  ((code: number) => node_process.exit(code));
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const from = option("--from", 1);
const count = option("--count", 20);
const no_async_context = argv.includes("--no-async-context");
const program_options = {
  foreign_first: argv.includes("--foreign-first"),
  track_tasks: argv.includes("--track-tasks"),
};

const server = createServer((_request, response) => response.end("body"));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address() as { port: number };
const url = `http://127.0.0.1:${address.port}/`;
const dir = await mkdtemp(join(tmpdir(), "asyncio-stress-"));
const file = join(dir, "data.txt");
await writeFile(file, "data");

const foreign: ForeignOps = {
  fetch_text: async () => await (await fetch(url)).text(),
  read_file: () => readFile(file, "utf8"),
};

if (no_async_context) delete host.process;
const asyncio = await import("../../mod.ts");

let failed = 0;
let ran = 0;
let checks = 0;
let foreign_awaits = 0;
let unknown_task = 0;
const started = performance.now();
for (let seed = from; seed < from + count; seed++) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<ProgramReport>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          seed,
          violations: [`hung for ${HANG_SECONDS} s`],
          checks: 0,
          foreign: 0,
          unknown_task: 0,
        }),
      HANG_SECONDS * 1000,
    );
  });
  let report: ProgramReport;
  try {
    report = await Promise.race([run_program(seed, asyncio, foreign, program_options), hung]);
  } catch (error) {
    report = {
      seed,
      violations: [`run() raised ${error}`],
      checks: 0,
      foreign: 0,
      unknown_task: 0,
    };
  }
  clearTimeout(timer);
  ran++;
  checks += report.checks;
  foreign_awaits += report.foreign;
  unknown_task += report.unknown_task;
  if (report.violations.length > 0) {
    failed++;
    console.log(JSON.stringify(report));
    if (report.violations[0].startsWith("hung")) break; // its loop still runs
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `seeds ${from}..${from + ran - 1}: ${ran - failed} passed, ${failed} failed ` +
    `(${checks} identity checks, ${foreign_awaits} foreign awaits, ` +
    `${unknown_task} tasks ended by "cannot tell which task", ${seconds} s)`,
);
server.close();
await rm(dir, { recursive: true });
exit(failed === 0 ? 0 : 1);
