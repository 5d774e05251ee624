// The seeded foreign-await programs of tests/stress in Chromium, where no
// task is tracked: at each library await after a foreign one (fetch, a
// host timer) a coroutine is its own task or gets "cannot tell which task",
// never another task's identity, and no program hangs (docs/ordering.md,
// "What holds, runtime by runtime"). 100 seeds in each mode.
import * as asyncio from "@aiots/asyncio";
import { type ProgramReport, run_program } from "../../stress/foreign_program.ts";
import { check, delayed } from "./_check.ts";

const SEEDS = 100;
const HANG_MS = 20_000;

const foreign = {
  fetch_text: async () => await (await fetch(delayed(0, "body"))).text(),
  // No files in a page: a host timer stands for the second kind of foreign I/O.
  read_file: () => new Promise<string>((resolve) => setTimeout(resolve, 1, "data")),
};

const MODES: [string, { foreign_first?: boolean; track_tasks?: boolean }][] = [
  ["untracked", {}],
  ["foreign first", { foreign_first: true }],
  ["track_tasks", { track_tasks: true }],
];

let failed = 0;
for (const [mode, options] of MODES) {
  let passed = 0, checks = 0, foreign_awaits = 0, unknown = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<ProgramReport>((resolve) => {
      timer = setTimeout(
        () => resolve({ seed, violations: ["hung"], checks: 0, foreign: 0, unknown_task: 0 }),
        HANG_MS,
      );
    });
    const report = await Promise.race([run_program(seed, asyncio, foreign, options), hung]);
    clearTimeout(timer);
    checks += report.checks;
    foreign_awaits += report.foreign;
    unknown += report.unknown_task;
    if (report.violations.length === 0) passed++;
    else {
      failed++;
      console.log(`${mode} seed ${seed}: ${report.violations.join("; ")}`);
      if (report.violations[0] === "hung") break;
    }
  }
  console.log(
    `${mode}: ${passed}/${SEEDS} seeds passed (${checks} identity checks, ${foreign_awaits} foreign awaits, ${unknown} tasks ended by "cannot tell which task")`,
  );
}
check(failed === 0, `${failed} seeds failed`);
console.log("ok");
