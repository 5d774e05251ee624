// Cancelling a task that awaits an inner task only cancels the inner one; if the inner swallows it, the outer goes on.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

const inner = coroutine(async () => {
  try {
    await sleep(10);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("inner swallowed cancel", `'${e.message}'`);
  }
  return "inner value";
});

const outer = coroutine(async () => {
  const t = create_task(inner(), { name: "inner" });
  const v = await t;
  console.log("outer got", v, "and keeps going");
  await sleep(0.01);
  console.log("outer finished");
  return "outer value";
});

const main = coroutine(async () => {
  const o = create_task(outer(), { name: "outer" });
  await sleep(0.01);
  console.log("cancel outer", o.cancel("please stop") ? "yes" : "no", "cancelling", o.cancelling());
  console.log(
    "result",
    await o,
    "cancelled",
    o.cancelled() ? "yes" : "no",
    "cancelling",
    o.cancelling(),
  );
});

await run(main(), { clock: "virtual" });
