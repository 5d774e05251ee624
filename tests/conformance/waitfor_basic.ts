// wait_for(): result in time, None waits forever, on timeout the task is cancelled and awaited, TimeoutError caused by CancelledError.
import {
  CancelledError,
  coroutine,
  create_task,
  get_running_loop,
  run,
  sleep,
  TimeoutError,
  wait_for,
} from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}

const main = coroutine(async () => {
  const loop = get_running_loop();

  const quick = coroutine(async () => {
    await sleep(0.01);
    return "quick";
  });

  console.log("in time", await wait_for(quick(), 0.05));
  console.log("no limit", await wait_for(quick(), null));

  const state: Record<string, string> = {};
  const foo = coroutine(async () => {
    state.running = "yes";
    try {
      await sleep(10);
    } finally {
      state.running = "no";
      console.log("foo cleaned up");
    }
    return "done";
  });

  const fut = create_task(foo());
  try {
    await wait_for(fut, 0.02);
  } catch (e) {
    if (e instanceof TimeoutError) {
      console.log("timed out", e.name, (e.cause as Error).name);
    }
  }
  console.log("task", fut.cancelled() ? "cancelled" : "not cancelled", "running", state.running);

  // a coroutine runs inline and sees the cancellation, then the TimeoutError
  const inline = coroutine(async () => {
    try {
      await sleep(10);
    } catch (e) {
      if (e instanceof CancelledError) console.log("inline got CancelledError");
      throw e;
    }
  });
  try {
    await wait_for(inline(), 0.01);
  } catch (e) {
    if (e instanceof TimeoutError) console.log("inline timed out");
  }

  // race: the future finishes in the same iteration as wait_for starts
  const f = loop.create_future<string>();
  const coro = wait_for(f, 0.2);
  loop.call_soon(() => f.set_result("ok"));
  console.log("race", await coro);

  // a future failing in time raises its own error
  const g = loop.create_future();
  loop.call_later(0.01, () => g.set_exception(new KeyError("k")));
  try {
    await wait_for(g, 1);
  } catch (e) {
    if (e instanceof KeyError) console.log("own error KeyError");
  }

  // the task waiting in wait_for is not cancelled by the timeout
  const outer = coroutine(async () => {
    try {
      await wait_for(sleep(1), 0.01);
    } catch (e) {
      if (e instanceof TimeoutError) return "outer handled";
      throw e;
    }
  });
  const task = create_task(outer());
  console.log(await task, "cancelling", task.cancelling());
});

await run(main(), { clock: "virtual" });
