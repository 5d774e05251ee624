/**
 * The event loop by hand: `run_until_complete`, `close`, `run_forever`,
 * `stop` (from a coroutine and from a callback), `call_soon` and
 * `call_later`.
 *
 * `run()` does all of this for you; this is what it does underneath. The
 * loop's methods that run it return Promises: `await loop.run_forever()`.
 *
 * Run: `deno run examples/event_loop.ts` (takes 5 seconds), or add
 * `--virtual` to run on the virtual clock (same output, no waiting).
 *
 * @module
 */

import { coroutine, type EventLoop, new_event_loop, RuntimeError, sleep } from "../mod.ts";

const clock = Deno.args.includes("--virtual") ? "virtual" : "real";

/** Whole seconds since `start` on `loop`'s clock. */
function seconds_since(loop: EventLoop, start: number): number {
  return Math.round(loop.time() - start);
}

const compute = coroutine(async function compute(x: number, y: number) {
  await sleep(1);
  return x + y;
});

// 1. run_until_complete(): run the loop until one coroutine (or Future) is
//    done, and get its result. close() then frees the loop for good.
{
  console.log("== run_until_complete, close");
  const loop = new_event_loop({ clock });
  const result = await loop.run_until_complete(compute(1, 2));
  console.log("compute(1, 2) =", result);
  loop.close();
  console.log("closed:", loop.is_closed());
  try {
    await loop.run_forever();
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    console.log("running a closed loop: RuntimeError:", error.message);
  }
}

// 2. run_forever() runs until stop(); here a coroutine stops its own loop.
{
  console.log("== run_forever, stop from a coroutine");
  const loop = new_event_loop({ clock });
  const worker = coroutine(async function worker() {
    console.log("worker: working");
    await sleep(1);
    console.log("worker: done, stopping the loop");
    loop.stop();
  });
  loop.create_task(worker());
  await loop.run_forever();
  console.log("run_forever returned; running:", loop.is_running());
  loop.close();
}

// 3. call_soon(): run a plain callback (with arguments) on the next
//    iteration; callbacks run in the order they were scheduled.
{
  console.log("== call_soon");
  const loop = new_event_loop({ clock });
  loop.call_soon((what: string) => console.log("Hello", what), "World");
  const dropped = loop.call_soon(() => console.log("never printed"));
  dropped.cancel(); // a handle can be cancelled until it runs
  loop.call_soon(() => loop.stop()); // stop() from a callback
  await loop.run_forever();
  loop.close();
}

// 4. call_later(): run a callback after a delay, in seconds. This one
//    reschedules itself every second, then stops the loop after 3 seconds.
{
  console.log("== call_later");
  const loop = new_event_loop({ clock });
  const start = loop.time();
  const tick = (n: number) => {
    console.log(`tick ${n} at ${seconds_since(loop, start)} s`);
    if (n < 3) loop.call_later(1, tick, n + 1);
    else loop.stop();
  };
  loop.call_soon(tick, 0);
  await loop.run_forever();
  loop.close();
}
