// Cancelling generator-style tasks: the error is thrown in at the yield, can be caught, and unwinds nested frames.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

const gen_sleeper = coroutine(function* () {
  try {
    const yield_point: void = yield* sleep(10);
    console.log("gen_sleeper woke (wrong)", yield_point);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gen_sleeper caught", `'${e.message}'`);
    yield* sleep(0);
    console.log("gen_sleeper cleaned up");
    throw e;
  }
});

const async_inner = coroutine(async () => {
  try {
    await sleep(10);
  } finally {
    console.log("async_inner finally");
  }
});

const gen_outer = coroutine(function* () {
  try {
    yield* async_inner();
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gen_outer caught, returning normally");
  }
  return "gen_outer survived";
});

const main = coroutine(async () => {
  const a = create_task(gen_sleeper());
  const b = create_task(gen_outer());
  await sleep(0);
  a.cancel("bye");
  b.cancel();
  try {
    await a;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("a cancelled", a.cancelled() ? "yes" : "no");
  }
  console.log("b result", await b, "cancelled", b.cancelled() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
