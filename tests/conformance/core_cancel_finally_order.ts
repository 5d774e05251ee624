// Cancellation unwinds inline-awaited coroutines innermost first; a finally block may still await.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

const level3 = coroutine(async () => {
  try {
    console.log("level3 sleeping");
    await sleep(10);
  } finally {
    console.log("level3 finally");
  }
});

const level2 = coroutine(async () => {
  try {
    await level3();
  } finally {
    console.log("level2 finally, cleaning up");
    await sleep(0.01);
    console.log("level2 cleanup done");
  }
});

const level1 = coroutine(async () => {
  try {
    await level2();
  } catch (e) {
    if (e instanceof CancelledError) console.log("level1 saw CancelledError");
    throw e;
  }
});

const ticker = coroutine(async () => {
  for (let i = 0; i < 3; i++) {
    console.log("tick", i);
    await sleep(0);
  }
});

const main = coroutine(async () => {
  const t = create_task(level1());
  await sleep(0);
  t.cancel();
  const tk = create_task(ticker());
  try {
    await t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("main: task cancelled", t.cancelled() ? "yes" : "no");
  }
  await tk;
});

await run(main(), { clock: "virtual" });
