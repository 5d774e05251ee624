// A task made from an already awaited coroutine is created fine; the RuntimeError comes out of the task.
import { coroutine, create_task, run, RuntimeError, type Task } from "../../mod.ts";

// deno-lint-ignore require-await
const work = coroutine(async () => "once");

const main = coroutine(async () => {
  const c = work();
  console.log("first await", await c);
  let t: Task<string>;
  try {
    t = create_task(c);
    console.log("create_task accepted the used coroutine");
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("create_task raised RuntimeError");
    return;
  }
  try {
    await t;
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("awaiting the task raised RuntimeError");
  }
  console.log("task done", t.done() ? "yes" : "no", "exception", (t.exception() as Error).name);
});

await run(main(), { clock: "virtual" });
