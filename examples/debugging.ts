/**
 * Debug mode, from the asyncio guide's "Develop with asyncio": turn it on
 * with `run(main, { debug: true })`, `loop.set_debug(true)` or the
 * environment variable `ASYNCIO_DEBUG=1`, and the loop reports the usual
 * mistakes, each with where the object involved was created:
 *
 * 1. a step that blocks the loop (longer than `slow_callback_duration`);
 * 2. a task whose error nobody retrieved (the guide's `bug()` example);
 * 3. a coroutine that was never awaited;
 * 4. a call made on the loop from JavaScript it did not start.
 *
 * The Python original of the second case:
 *
 * ```python
 * import asyncio
 *
 * async def bug():
 *     raise Exception("not consumed")
 *
 * async def main():
 *     asyncio.ensure_future(bug())
 *
 * asyncio.run(main(), debug=True)
 * ```
 *
 * Reports 2 and 3 are made when the garbage collector takes the object;
 * run the example with `--v8-flags=--expose-gc` so that it can collect at
 * once:
 *
 *     deno run --v8-flags=--expose-gc examples/debugging.ts
 *
 * Reports go to the library's logger (the console's stderr by default);
 * this example replaces it with one that prints on stdout.
 *
 * @module
 */

import {
  coroutine,
  create_task,
  ensure_future,
  get_running_loop,
  run,
  type RuntimeError,
  set_logger,
  sleep,
} from "../mod.ts";

set_logger({
  error: (message, error) => console.log(`ERROR: ${message}${error ? `\n${error}` : ""}\n`),
  warning: (message) => console.log(`WARNING: ${message}\n`),
  debug: (message) => console.log(`DEBUG: ${message}\n`),
});

const gc = (globalThis as { gc?: () => void }).gc;

/** Lets the garbage collector take what is unreachable, and its reports come. */
async function collect_garbage(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const blocking = coroutine(function* blocking() {
  const end = performance.now() + 150;
  while (performance.now() < end) { /* a step that keeps the loop for 0.15 s */ }
  yield* sleep(0);
});

// deno-lint-ignore require-await
const bug = coroutine(async function bug() {
  throw new Error("not consumed");
});

const forgotten = coroutine(async function forgotten() {});

const main = coroutine(async function main() {
  const loop = get_running_loop();
  console.log(`debug mode: ${loop.get_debug()}\n`);

  console.log("1. a slow step");
  await create_task(blocking());

  console.log("2. an error never retrieved");
  ensure_future(bug());
  await sleep(0);
  await collect_garbage();

  console.log("3. a coroutine never awaited");
  forgotten();
  await collect_garbage();

  console.log("4. a call from outside the loop");
  const done = loop.create_future<string>();
  on_message = () => {
    try {
      loop.call_soon(() => done.set_result("call_soon"));
    } catch (error) {
      console.log(`${(error as RuntimeError).name}: ${(error as RuntimeError).message}`);
      loop.call_soon_threadsafe(() => done.set_result("call_soon_threadsafe"));
    }
  };
  messages.port2.postMessage(null);
  console.log(`scheduled with ${await done}`);
  messages.port1.close();
});

// A listener set up before the loop runs is JavaScript the loop did not
// start, as a Web API callback is: in Python's terms, another thread.
let on_message = () => {};
const messages = new MessageChannel();
messages.port1.onmessage = () => on_message();

if (gc === undefined) {
  console.log("(run with --v8-flags=--expose-gc to see reports 2 and 3 at once)\n");
}
await run(main(), { debug: true });
