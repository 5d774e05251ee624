// cancelling() counts cancel requests and uncancel() withdraws them; a caught cancel plus uncancel lets the task finish.
import {
  CancelledError,
  coroutine,
  create_task,
  current_task,
  run,
  sleep,
  type Task,
} from "../../mod.ts";

const worker = coroutine(async () => {
  const me = current_task() as Task<unknown>;
  for (let round = 0; round < 2; round++) {
    try {
      await sleep(10);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log("round", round, "caught, cancelling", me.cancelling());
      console.log("uncancel ->", me.uncancel());
    }
  }
  console.log("worker end, cancelling", me.cancelling());
  return "ok";
});

const main = coroutine(async () => {
  const t = create_task(worker());
  console.log("fresh cancelling", t.cancelling());
  await sleep(0);
  console.log("cancel 1", t.cancel() ? "yes" : "no", t.cancelling());
  console.log("cancel 2", t.cancel() ? "yes" : "no", t.cancelling());
  await sleep(0);
  console.log("after delivery", t.cancelling());
  console.log("cancel 3", t.cancel() ? "yes" : "no", t.cancelling());
  console.log("result", await t, "cancelling", t.cancelling());
  console.log("uncancel at zero", t.uncancel());
  console.log("cancel done task", t.cancel() ? "yes" : "no", t.cancelling());
});

await run(main(), { clock: "virtual" });
