// Node only (run by tests/node/run.ts against the built package): what
// differs from Deno there — workers come from node:worker_threads, a job
// ends its worker with process.exit(), and debug locations are Node's.
import assert from "node:assert/strict";
import {
  BrokenWorkerError,
  coroutine,
  create_task,
  get_running_loop,
  run,
  sleep,
  to_thread,
  WorkerPoolExecutor,
} from "../../mod.ts";

Deno.test("node: to_thread and run_in_executor run in node:worker_threads workers", async () => {
  const result = await run(
    coroutine(async () => {
      const doubled = await to_thread((n: number) => n * 2, 21);
      const in_worker = await get_running_loop().run_in_executor(null, async () => {
        const threads = await import("node:worker_threads");
        return threads.isMainThread;
      });
      return [doubled, in_worker];
    })(),
  );
  assert.deepStrictEqual(result, [42, false]);
});

Deno.test("node: a job that calls process.exit() fails with BrokenWorkerError; the pool goes on", async () => {
  const pool = new WorkerPoolExecutor(1);
  try {
    await assert.rejects(
      pool.submit(function quit() {
        // deno-lint-ignore no-explicit-any
        (globalThis as any).process.exit(3);
      }).promise,
      (e: unknown) =>
        e instanceof BrokenWorkerError &&
        e.message === "the worker running job 1 (quit) died: it called process.exit()",
    );
    assert.strictEqual(await pool.submit((s: string) => s + "!", "next").promise, "next!");
  } finally {
    await pool.shutdown();
  }
});

Deno.test("node: debug mode's created-at location names this file and line", async () => {
  const where = await run(
    coroutine(async () => {
      const task = create_task(sleep(1), { name: "napper" });
      const text = String(task);
      await task;
      return text;
    })(),
    { debug: true, clock: "virtual" },
  );
  assert.match(where, new RegExp(` created at ${import.meta.url}:\\d+:\\d+>$`));
});
