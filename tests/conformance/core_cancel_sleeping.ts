// Cancelling a sleeping task throws CancelledError at its sleep; the awaiter sees CancelledError and the task is cancelled.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

const sleeper = coroutine(async () => {
  console.log("sleeper start");
  try {
    await sleep(10);
    console.log("sleeper woke (wrong)");
  } catch (e) {
    if (e instanceof CancelledError) console.log("sleeper cancelled");
    throw e;
  } finally {
    console.log("sleeper finally");
  }
});

const main = coroutine(async () => {
  const t = create_task(sleeper());
  await sleep(0.01);
  console.log("cancel returned", t.cancel() ? "yes" : "no");
  console.log("done right after cancel", t.done() ? "yes" : "no");
  try {
    await t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("main saw CancelledError");
  }
  console.log("cancelled", t.cancelled() ? "yes" : "no", "done", t.done() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
