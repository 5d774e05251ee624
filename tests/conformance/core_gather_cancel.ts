// Cancelling a gather cancels its children; cancelling a task blocked in gather does too; a cancelled child fails the gather.
import { CancelledError, coroutine, create_task, gather, run, sleep } from "../../mod.ts";

const child = coroutine(async (name: string, d: number) => {
  try {
    await sleep(d);
    console.log(name, "finished");
    return name;
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, "cancelled");
    throw e;
  }
});

const waits_on_gather = coroutine(async () => {
  try {
    await gather(child("w1", 1), child("w2", 2));
  } catch (e) {
    if (e instanceof CancelledError) console.log("waits_on_gather saw CancelledError");
    throw e;
  }
});

const main = coroutine(async () => {
  const g = gather(child("g1", 1), child("g2", 0.01));
  await sleep(0.04);
  console.log("cancel gather", g.cancel() ? "yes" : "no");
  try {
    await g;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gather raised CancelledError", "cancelled", g.cancelled() ? "yes" : "no");
  }

  const t = create_task(waits_on_gather());
  await sleep(0.01);
  t.cancel();
  try {
    await t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("task cancelled", t.cancelled() ? "yes" : "no");
  }

  const victim = create_task(child("victim", 1));
  const g2 = gather(victim, child("survivor", 0.05));
  await sleep(0.01);
  victim.cancel();
  try {
    await g2;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gather with a cancelled child raised CancelledError");
  }
  await sleep(0.05);
  console.log("done cancel after finish", g2.cancel() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
