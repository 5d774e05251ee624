// timeout(): foreign errors pass through, a foreign cancel stays CancelledError, timeouts after an earlier cancellation still work.
import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  run,
  sleep,
  type Timeout,
  timeout,
  TimeoutError,
} from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}
class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const main = coroutine(async () => {
  let cm!: Timeout;
  try {
    await async_with(timeout(0.01), (c) => {
      cm = c;
      throw new KeyError("k");
    });
  } catch (e) {
    if (e instanceof KeyError) console.log("foreign error passed", yn(cm.expired()));
  }

  const crash = coroutine(async () => {
    try {
      await sleep(1);
    } finally {
      // deno-lint-ignore no-unsafe-finally
      throw new ZeroDivisionError("cleanup");
    }
  });
  try {
    await async_with(timeout(0.01), async (c) => {
      cm = c;
      await crash();
    });
  } catch (e) {
    if (e instanceof ZeroDivisionError) console.log("error during expiry wins", yn(cm.expired()));
  }

  const foreign_cancel = coroutine(async () => {
    await async_with(timeout(10), async (c) => {
      current_task()!.cancel();
      try {
        await sleep(10);
      } finally {
        console.log("foreign cancel, expired", yn(c.expired()));
      }
    });
  });
  let t = create_task(foreign_cancel());
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log("still CancelledError", yn(t.cancelled()));
  }

  const outer = coroutine(async () => {
    try {
      await async_with(timeout(0.001), async () => {
        await sleep(10);
      });
    } catch (e) {
      if (e instanceof TimeoutError) console.log("outer handled its timeout");
    }
  });
  t = create_task(outer());
  await t;
  console.log("outer task cancelled", yn(t.cancelled()), "cancelling", t.cancelling());

  const after_cancellation = coroutine(async () => {
    try {
      current_task()!.cancel();
      await sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) {
        console.log("first cancellation caught", current_task()!.cancelling());
      }
    } finally {
      try {
        await async_with(timeout(0.0), async () => {
          await sleep(1);
        });
      } catch (e) {
        if (e instanceof TimeoutError) console.log("timeout after cancellation works");
      }
    }
    return "ok";
  });
  console.log(await create_task(after_cancellation()));

  const cancel_in_timeout_after_cancellation = coroutine(async () => {
    try {
      current_task()!.cancel();
      await sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
    } finally {
      try {
        await async_with(timeout(1.0), async () => {
          current_task()!.cancel();
          await sleep(2);
        });
      } catch (e) {
        if (e instanceof CancelledError) {
          console.log("second cancel stays CancelledError", current_task()!.cancelling());
        }
      }
    }
  });
  await create_task(cancel_in_timeout_after_cancellation());
});

await run(main(), { clock: "virtual" });
