// Cancel timing: a task cancelling itself, one cancelled during sleep(0), and one cancelled after its wakeup was queued (the result is lost).
import {
  CancelledError,
  coroutine,
  create_task,
  current_task,
  type Future,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const self_canceller = coroutine(async () => {
  current_task()!.cancel("self");
  console.log("self_canceller still running after cancel()");
  try {
    await sleep(0);
  } catch (e) {
    if (e instanceof CancelledError) console.log("self_canceller got", `'${e.message}'`);
    throw e;
  }
});

const yielder = coroutine(async () => {
  try {
    await sleep(0);
    console.log("yielder resumed (wrong)");
  } catch (e) {
    if (e instanceof CancelledError) console.log("yielder got", `'${e.message}'`);
    throw e;
  }
});

const waiter = coroutine(async (fut: Future<string>) => {
  try {
    const v = await fut;
    console.log("waiter got value (wrong)", v);
  } catch (e) {
    if (e instanceof CancelledError) console.log("waiter got", `'${e.message}'`);
    throw e;
  }
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  const a = create_task(self_canceller());
  const b = create_task(yielder());
  const fut = loop.create_future<string>();
  const c = create_task(waiter(fut));
  await sleep(0); // all three ran their first step
  b.cancel("during sleep0");
  fut.set_result("lost value"); // c's wakeup is now queued
  console.log("cancel c after wakeup queued", c.cancel("late") ? "yes" : "no");
  console.log("fut still has its result", fut.result());
  for (const t of [a, b, c]) {
    try {
      await t;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
    }
  }
  console.log(
    "cancelled",
    a.cancelled() ? "yes" : "no",
    b.cancelled() ? "yes" : "no",
    c.cancelled() ? "yes" : "no",
  );
});

await run(main(), { clock: "virtual" });
