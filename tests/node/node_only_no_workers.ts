// Node only: a runtime with neither Web Workers nor node:worker_threads
// (process.getBuiltinModule taken away before the first job) fails a job
// at once with RuntimeError, instead of queueing it for a worker that
// never comes and then waiting out the executor's join at the loop's end.
import assert from "node:assert/strict";
import { coroutine, run, RuntimeError, to_thread } from "../../mod.ts";

Deno.test("node: without workers, to_thread raises RuntimeError at once and run() ends", async () => {
  // deno-lint-ignore no-explicit-any
  const process = (globalThis as any).process;
  const get_builtin = process.getBuiltinModule;
  process.getBuiltinModule = () => undefined;
  try {
    await assert.rejects(
      run(coroutine(async () => await to_thread((n: number) => n, 1))()),
      (e: unknown) =>
        e instanceof RuntimeError &&
        e.message ===
          "submit(): this runtime has neither Web Workers nor node:worker_threads to run functions in",
    );
  } finally {
    process.getBuiltinModule = get_builtin;
  }
});
