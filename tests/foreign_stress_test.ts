// The seeded foreign-await programs of tests/stress, a fixed set of seeds
// in each mode that the library guarantees (docs/ordering.md); `deno task
// soak` runs thousands. Each mode runs in a process of its own, so that a
// hang ends that process, not the test run.
import { assertEquals } from "./_assert.ts";

const SCRIPT = new URL("./stress/foreign_stress.ts", import.meta.url).pathname;
const SEEDS = 40;

const MODES: [string, string[]][] = [
  ["tasks started after the loop's first foreign await (tracked)", ["--foreign-first"]],
  ["track_tasks: true", ["--track-tasks"]],
  ["untracked tasks: exact, or the 'cannot tell which task' error", []],
  ["no AsyncLocalStorage (the browser path): exact, or 'cannot tell which task'", [
    "--no-async-context",
  ]],
];

for (const [mode, flags] of MODES) {
  Deno.test(`foreign-await stress, ${mode}: ${SEEDS} seeds, no violation`, async () => {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, "--count", String(SEEDS), ...flags],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(stdout);
    const summary = out.trim().split("\n").at(-1) ?? "";
    console.log(summary);
    assertEquals(
      { code, failures: out.split("\n").filter((line) => line.startsWith("{")) },
      { code: 0, failures: [] },
      new TextDecoder().decode(stderr),
    );
  });
}
