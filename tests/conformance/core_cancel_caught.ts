// A task may catch CancelledError and keep going; it then finishes normally and cancelling() still counts the request.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

const stubborn = coroutine(async () => {
  try {
    await sleep(10);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("stubborn caught cancel");
  }
  console.log("stubborn continues");
  await sleep(0.01);
  console.log("stubborn slept again");
  return "finished anyway";
});

const main = coroutine(async () => {
  const t = create_task(stubborn());
  await sleep(0);
  t.cancel();
  console.log("cancelling after cancel", t.cancelling());
  const result = await t;
  console.log("result", result);
  console.log("cancelled", t.cancelled() ? "yes" : "no", "cancelling", t.cancelling());
});

await run(main(), { clock: "virtual" });
