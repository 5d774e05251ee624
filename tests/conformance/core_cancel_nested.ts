// Cancelling an outer task that awaits an inner task cancels the inner one first, then the outer sees CancelledError.
import { CancelledError, coroutine, create_task, run, sleep, type Task } from "../../mod.ts";

const inner = coroutine(async () => {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log("inner cancelled");
    throw e;
  } finally {
    console.log("inner finally");
  }
});

const holder: Task<void>[] = [];

const inner_coro_wrapper = coroutine(async () => {
  const t = create_task(inner(), { name: "inner" });
  holder.push(t);
  try {
    return await t;
  } catch (e) {
    if (e instanceof CancelledError) {
      console.log("wrapper saw cancel, inner cancelled:", t.cancelled() ? "yes" : "no");
    }
    throw e;
  }
});

const middle = coroutine(async () => {
  try {
    await inner_coro_wrapper();
  } finally {
    console.log("middle finally");
  }
});

const main = coroutine(async () => {
  const outer = create_task(middle(), { name: "outer" });
  await sleep(0.01);
  const inner_task = holder[0];
  console.log("cancel outer");
  outer.cancel();
  console.log("inner done yet", inner_task.done() ? "yes" : "no");
  try {
    await outer;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("main saw outer cancelled");
  }
  console.log(
    "outer cancelled",
    outer.cancelled() ? "yes" : "no",
    "inner cancelled",
    inner_task.cancelled() ? "yes" : "no",
  );
});

await run(main(), { clock: "virtual" });
