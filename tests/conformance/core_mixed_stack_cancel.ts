// Cancellation through a mixed stack (async -> generator -> async -> sleep): the middle generator catches it and goes on.
import { CancelledError, coroutine, create_task, current_task, run, sleep } from "../../mod.ts";

const bottom = coroutine(async (label: string) => {
  try {
    await sleep(0.05);
    return label + " slept";
  } finally {
    console.log("bottom finally", label);
  }
});

const gen_middle = coroutine(function* () {
  try {
    const v: string = yield* bottom("first");
    console.log("gen_middle got (wrong)", v);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gen_middle caught cancel, calling bottom again");
    current_task()!.uncancel();
  }
  const v: string = yield* bottom("second");
  return "gen_middle:" + v;
});

const top = coroutine(async () => {
  const v = await gen_middle();
  console.log("top got", v);
  return v;
});

const main = coroutine(async () => {
  const t = create_task(top());
  await sleep(0.02);
  t.cancel();
  console.log("result", await t, "cancelling", t.cancelling());
});

await run(main(), { clock: "virtual" });
