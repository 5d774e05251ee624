/**
 * Coroutines in both styles, mixed in one program.
 *
 * `coroutine(fn)` turns an async function or a generator function into a
 * coroutine function, as Python's `async def`: calling it runs nothing and
 * returns a `Coroutine` object, which runs when it is awaited (inline, in the
 * awaiting task) or scheduled as a Task. The two styles await each other
 * freely; Promises are awaitable too.
 *
 * Run: `deno run examples/coroutines.ts` (takes 5 seconds), or add
 * `--virtual` to run on the virtual clock (same output, no waiting).
 *
 * @module
 */

import {
  coroutine,
  create_task,
  current_task,
  get_running_loop,
  iscoroutine,
  iscoroutinefunction,
  run,
  RuntimeError,
  sleep,
} from "../mod.ts";

const clock = Deno.args.includes("--virtual") ? "virtual" : "real";

/** Async-function style: `await` inside. */
const greet = coroutine(async function greet(name: string) {
  console.log(`  greet(${name}) starts in ${current_task()?.get_name()}`);
  await sleep(1);
  return `Hello, ${name}`;
});

/** Generator style: `yield*` inside; it awaits the async-style coroutine. */
const shout = coroutine(function* shout(name: string) {
  console.log(`  shout(${name}) starts in ${current_task()?.get_name()}`);
  const text: string = yield* greet(name);
  // Promises are awaitable too: the task wraps them in a Future.
  const mark = (yield Promise.resolve("!")) as string;
  return text.toUpperCase() + mark;
});

/** Async style again, awaiting the generator-style coroutine. */
const main = coroutine(async function main() {
  const loop = get_running_loop();
  const elapsed = (start: number) => `took ${Math.round(loop.time() - start)} s`;

  console.log(`main runs in ${current_task()?.get_name()}; awaiting shout('Bob') runs it inline:`);
  console.log("  ->", await shout("Bob"));

  let start = loop.time();
  console.log("awaiting two coroutines one after the other:");
  await greet("C");
  await greet("D");
  console.log(`  ${elapsed(start)}`);

  start = loop.time();
  console.log("scheduling them as tasks runs them concurrently:");
  const e = create_task(greet("E"));
  const f = create_task(greet("F"));
  console.log("  ->", await e, "/", await f);
  console.log(`  ${elapsed(start)}`);
});

const coro = greet("Ada"); // runs nothing: no "greet(Ada) starts" line yet
console.log("greet is a coroutine function:", iscoroutinefunction(greet));
console.log("greet('Ada') made", String(coro), "- a coroutine:", iscoroutine(coro));
console.log("run(coro) ->", await run(coro, { clock }));
try {
  await run(coro, { clock }); // a coroutine runs once, as in Python
} catch (error) {
  if (!(error instanceof RuntimeError)) throw error;
  console.log(`running it again: RuntimeError: ${error.message}`);
}

await run(main(), { clock });
