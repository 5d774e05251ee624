// Calling a coroutine function runs nothing; the body starts only when awaited or wrapped in a task, and only once.
import { coroutine, create_task, run, RuntimeError, sleep } from "../../mod.ts";

const work = coroutine(async (name: string) => {
  console.log("work body starts", name);
  await sleep(0);
  console.log("work body ends", name);
  return name.toUpperCase();
});

const main = coroutine(async () => {
  const c = work("a");
  console.log("coroutine a created");
  await sleep(0);
  console.log("after a loop iteration, a still idle");
  console.log("awaited a ->", await c);
  try {
    await c;
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("second await of a: RuntimeError");
  }
  const c2 = work("b");
  console.log("coroutine b created");
  const t = create_task(c2);
  console.log("task for b created");
  await sleep(0);
  console.log("main after one iteration");
  console.log("awaited task b ->", await t);
  work("never"); // never started: prints nothing
  console.log("main done");
});

await run(main(), { clock: "virtual" });
