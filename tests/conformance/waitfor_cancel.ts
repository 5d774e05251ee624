// wait_for(): cancelling the waiter cancels the inner task; inner tasks that refuse or delay cancellation; GH-86296.
import {
  CancelledError,
  coroutine,
  create_task,
  get_running_loop,
  run,
  sleep,
  TimeoutError,
  wait,
  wait_for,
} from "../../mod.ts";

const main = coroutine(async () => {
  const loop = get_running_loop();

  for (const [label, timeout] of [["none", null], ["sixty", 60.0]] as const) {
    const blocking = coroutine(async () => {
      await loop.create_future();
    });
    const task = create_task(blocking());
    const waiter = create_task(wait_for(task, timeout));
    loop.call_soon(() => waiter.cancel());
    try {
      await waiter;
    } catch (e) {
      if (e instanceof CancelledError) {
        console.log("waiter cancelled", label, "inner cancelled", task.cancelled() ? "yes" : "no");
      }
    }
  }

  // an inner coroutine that swallows the cancellation returns its value
  const return_42 = coroutine(async () => {
    try {
      await sleep(10);
    } catch (e) {
      if (e instanceof CancelledError) return 42;
      throw e;
    }
  });
  console.log("suppressed", await wait_for(return_42(), 0.01));

  const inner_race = coroutine(async () => {
    try {
      await sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log("inner_race saw CancelledError");
    }
    return 1;
  });
  console.log("race result", await wait_for(inner_race(), 0.01));

  // wait_for waits until the cancelled task has really finished
  const slow_exit = coroutine(async () => {
    try {
      await sleep(10);
    } catch (e) {
      if (e instanceof CancelledError) {
        await sleep(0.01);
        console.log("slow_exit finished cleanup");
      }
      throw e;
    }
  });
  let task = create_task(slow_exit());
  try {
    await wait_for(task, 0.005);
  } catch (e) {
    if (e instanceof TimeoutError) console.log("timeout after cleanup", (e.cause as Error).name);
  }

  // a task that ignores cancel requests until its own deadline
  const stubborn = coroutine(async () => {
    const exit_at = loop.time() + 0.03;
    for (let left = exit_at - loop.time(); left > 0; left = exit_at - loop.time()) {
      try {
        await sleep(left);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        console.log("stubborn ignores a cancel");
      }
    }
    console.log("stubborn exits");
  });
  const waiter = create_task(wait_for(stubborn(), 0.06));
  await sleep(0);
  waiter.cancel();
  await wait(new Set([waiter]));
  console.log("waiter", waiter.cancelled() ? "cancelled" : "finished");

  // GH-86296: the waiting task is cancelled even if the inner task is done
  // deno-lint-ignore require-await
  const inner = coroutine(async () => "done");
  const inner_task = create_task(inner());
  const reached: string[] = [];
  const wait_for_coro = coroutine(async () => {
    await wait_for(inner_task, 100);
    await sleep(1);
    reached.push("end");
  });
  task = create_task(wait_for_coro());
  await sleep(0);
  task.cancel();
  try {
    await task;
  } catch (e) {
    if (e instanceof CancelledError) {
      console.log("gh86296 cancelled", await inner_task, "reached end", reached.length);
    }
  }
});

await run(main(), { clock: "virtual" });
