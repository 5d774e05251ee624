// A second cancel while the task awaits in its cleanup interrupts the cleanup at that await.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

const worker = coroutine(async () => {
  try {
    await sleep(10);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("worker: first cancel, cleaning up");
    try {
      await sleep(10);
      console.log("worker: cleanup finished (wrong)");
    } catch (e2) {
      if (e2 instanceof CancelledError) {
        console.log("worker: cleanup interrupted", `'${e2.message}'`);
      }
      throw e2;
    }
    throw e;
  }
});

const main = coroutine(async () => {
  const t = create_task(worker());
  await sleep(0.01);
  t.cancel("one");
  await sleep(0.01);
  console.log("cancelling before second", t.cancelling());
  t.cancel("two");
  try {
    await t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("main got", `'${e.message}'`, "cancelling", t.cancelling());
  }
});

await run(main(), { clock: "virtual" });
