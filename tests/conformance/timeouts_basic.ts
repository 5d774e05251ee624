// timeout()/timeout_at(): expiry raises TimeoutError, when(), expired(), None disables, 0 and past deadlines, repr.
import {
  async_with,
  coroutine,
  get_running_loop,
  run,
  sleep,
  type Timeout,
  timeout,
  timeout_at,
  TimeoutError,
} from "../../mod.ts";

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  let cm!: Timeout;
  try {
    await async_with(timeout(0.01), async (c) => {
      cm = c;
      await sleep(10);
    });
  } catch (e) {
    if (e instanceof TimeoutError) {
      console.log("basic", e.name, (e.cause as Error).name, yn(cm.expired()), String(cm));
    }
  }

  const deadline = loop.time() + 0.01;
  try {
    await async_with(timeout_at(deadline), async (c) => {
      cm = c;
      await sleep(10);
    });
  } catch (e) {
    if (e instanceof TimeoutError) {
      console.log("timeout_at", yn(cm.expired()), yn(cm.when() === deadline));
    }
  }

  await async_with(timeout(10), async (c) => {
    cm = c;
    await sleep(0.01);
  });
  console.log("not called", yn(cm.expired()), yn(cm.when()! > loop.time()), String(cm));

  await async_with(timeout(null), async (c) => {
    cm = c;
    console.log("disabled inside", String(cm));
    await sleep(0.01);
  });
  console.log("disabled", yn(cm.expired()), yn(cm.when() === null));

  await async_with(timeout_at(null), async (c) => {
    cm = c;
    await sleep(0.01);
  });
  console.log("timeout_at disabled", yn(cm.expired()), yn(cm.when() === null));

  for (const delay of [0, -11]) {
    try {
      await async_with(timeout(delay), async (c) => {
        cm = c;
        await sleep(0);
        console.log("not reached");
      });
    } catch (e) {
      if (e instanceof TimeoutError) {
        console.log(
          "delay",
          delay,
          "sleep 0 expired",
          yn(cm.expired()),
          yn(cm.when()! <= loop.time()),
        );
      }
    }
  }

  // a body that finishes without awaiting is not cancelled even with delay 0
  // deno-lint-ignore require-await
  await async_with(timeout(0), async (c) => {
    cm = c;
    console.log("body without await runs");
  });
  console.log("no await", yn(cm.expired()), String(cm));

  // the result of the block goes through
  const compute = coroutine(async () => {
    return await async_with(timeout(1), async () => {
      await sleep(0.01);
      return "value";
    });
  });
  console.log("returned", await compute());
});

await run(main(), { clock: "virtual" });
