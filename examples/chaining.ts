/**
 * Chaining coroutines with `ensure_future`: `hello()` and `world()` each
 * take a second; `world` waits for the Future of `hello`, so the program
 * prints `Hello world!` after two seconds.
 *
 * The same program in Python (it prints the same lines):
 *
 * ```python
 * import asyncio
 *
 * async def hello():
 *     print("hello: started")
 *     await asyncio.sleep(1)
 *     print("hello: done")
 *     return "Hello"
 *
 * async def world(greeting_future):
 *     print("world: waiting for hello")
 *     greeting = await greeting_future
 *     print(f'world: got "{greeting}"')
 *     await asyncio.sleep(1)
 *     return greeting + " world!"
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     start = loop.time()
 *     greeting = asyncio.ensure_future(hello())
 *     sentence = asyncio.ensure_future(world(greeting))
 *     sentence.add_done_callback(lambda fut: print(f'done callback saw "{fut.result()}"'))
 *     print(await sentence)
 *     print(f"after {round(loop.time() - start)} seconds")
 *
 * asyncio.run(main())
 * ```
 *
 * Run: `deno run examples/chaining.ts` (takes 2 seconds), or add
 * `--virtual` to run on the virtual clock (same output, no waiting).
 *
 * @module
 */

import { coroutine, ensure_future, type Future, get_running_loop, run, sleep } from "../mod.ts";

const clock = Deno.args.includes("--virtual") ? "virtual" : "real";

/** Async style. */
const hello = coroutine(async function hello() {
  console.log("hello: started");
  await sleep(1);
  console.log("hello: done");
  return "Hello";
});

/** Generator style, chained on hello's Future. */
const world = coroutine(function* world(greeting_future: Future<string>) {
  console.log("world: waiting for hello");
  const greeting: string = yield* greeting_future;
  console.log(`world: got "${greeting}"`);
  yield* sleep(1);
  return `${greeting} world!`;
});

const main = coroutine(async function main() {
  const loop = get_running_loop();
  const start = loop.time();
  // ensure_future schedules each coroutine as a Task and returns it at once.
  const greeting = ensure_future(hello());
  const sentence = ensure_future(world(greeting));
  // Futures also chain through done callbacks, run by the loop when done.
  sentence.add_done_callback((fut) => console.log(`done callback saw "${fut.result()}"`));
  console.log(await sentence);
  console.log(`after ${Math.round(loop.time() - start)} seconds`);
});

await run(main(), { clock });
