// Cancelling the task that runs a TaskGroup cancels every child and the body, and CancelledError comes out (test_cancellation, test_taskgroup_07/17/22).
import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  run,
  sleep,
  TaskGroup,
} from "../../mod.ts";

const log: string[] = [];

const child = coroutine(async (i: number) => {
  try {
    await sleep(1);
  } catch (error) {
    log.push(`child ${i} cancelled`);
    throw error;
  }
});

const runner = coroutine(async (n: number, body_sleeps: boolean) => {
  await async_with(new TaskGroup(), async (tg) => {
    for (let i = 0; i < n; i++) tg.create_task(child(i));
    if (body_sleeps) {
      try {
        await sleep(10);
      } catch (error) {
        console.log("body cancelled");
        throw error;
      }
    }
    console.log("body done, waiting in __aexit__");
  });
});

const cases = coroutine(async (name: string, n: number, body_sleeps: boolean) => {
  log.length = 0;
  const r = create_task(runner(n, body_sleeps));
  await sleep(0.01);
  console.log(name, "runner done?", r.done() ? "yes" : "no");
  r.cancel("stop");
  try {
    await r;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log(
      name,
      "CancelledError",
      `'${e.message}'`,
      r.cancelled() ? "cancelled" : "not cancelled",
    );
  }
  console.log(name, log.sort().join(";"));
});

const main = coroutine(async () => {
  await cases("body-sleeps", 3, true);
  await cases("exiting", 2, false);
  await cases("empty", 0, true);
});

await run(main(), { clock: "virtual" });
