// Two cancels before the task runs: the message of the first one reaches the coroutine; cancelling() counts both.
import { CancelledError, coroutine, create_task, current_task, run, sleep } from "../../mod.ts";

const victim = coroutine(async () => {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) {
      console.log("victim got", `'${e.message}'`, "cancelling", current_task()!.cancelling());
    }
    throw e;
  }
});

const main = coroutine(async () => {
  const t = create_task(victim());
  await sleep(0);
  t.cancel("first");
  t.cancel("second");
  try {
    await t;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("main got", `'${e.message}'`);
  }
});

await run(main(), { clock: "virtual" });
