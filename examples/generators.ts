/**
 * Generators: the building block of asyncio-style coroutines.
 *
 * Part 1 drives a plain generator by hand: `next(value)` is Python's
 * `gen.send(value)`, `throw(err)` is `gen.throw(err)`, `return()` is
 * `gen.close()`. Part 2 writes the same kind of generator as an asyncio
 * coroutine: it yields awaitables, and the event loop is the one that sends
 * each result back.
 *
 * Run: `deno run examples/generators.ts` (takes 2 seconds), or add
 * `--virtual` to run on the virtual clock (same output, no waiting).
 *
 * @module
 */

import {
  CancelledError,
  coroutine,
  create_task,
  type Future,
  get_running_loop,
  run,
  sleep,
} from "../mod.ts";

const clock = Deno.args.includes("--virtual") ? "virtual" : "real";

// --- Part 1: a generator driven by hand ------------------------------------

/** Keeps a running total of the numbers sent in; yields the total so far. */
function* running_total(): Generator<number, string, number> {
  let total = 0;
  try {
    for (;;) {
      const value = yield total; // pauses here; next(value) resumes with `value`
      console.log(`  running_total received ${value}`);
      total += value;
    }
  } catch (error) {
    console.log(`  running_total caught ${(error as Error).message}`);
    return `stopped at ${total}`;
  } finally {
    console.log("  running_total cleans up");
  }
}

console.log("Part 1: a generator driven by hand");
const gen = running_total(); // runs nothing yet
console.log("first next():", gen.next().value); // runs to the first yield (like next(gen))
console.log("next(10):", gen.next(10).value); // send(10)
console.log("next(5):", gen.next(5).value); // send(5)
const last = gen.throw(new Error("enough")); // throw(): raised at the paused yield
console.log("throw():", last.value, "done:", last.done);

const closed = running_total();
closed.next();
console.log("return():", closed.return("closed early").value); // close(): runs `finally`

// --- Part 2: the same style, driven by the event loop ----------------------

/**
 * A generator coroutine. Each `yield` hands an awaitable to the task that
 * runs it; the task sends the result back, exactly as Part 1 did by hand.
 */
const add_slowly = coroutine(function* add_slowly(a: number, b: number) {
  // `yield*` gives TypeScript the result type of the awaitable.
  const x: number = yield* sleep(1, a);
  // A bare `yield` works too (the result comes back untyped).
  const y = (yield sleep(1, b)) as number;
  return x + y;
});

/** Waits for a Future that someone else completes: an error comes back as a throw. */
function* wait_for_answer(fut: Future<number>): Generator<unknown, string, unknown> {
  try {
    const answer: number = yield* fut;
    return `answer ${answer}`;
  } catch (error) {
    return `failed with ${(error as Error).name}`;
  }
}

const main = coroutine(function* main() {
  const loop = get_running_loop();
  const start = loop.time();
  const sum = yield* add_slowly(1, 2);
  console.log("add_slowly(1, 2) =", sum, "after", Math.round(loop.time() - start), "seconds");

  // A plain generator object (no coroutine() wrapper) runs as a task too.
  const ok = loop.create_future<number>();
  const bad = loop.create_future<number>();
  const t1 = create_task(wait_for_answer(ok));
  const t2 = create_task(wait_for_answer(bad));
  loop.call_soon(() => ok.set_result(42));
  loop.call_soon(() => bad.set_exception(new RangeError("no answer")));
  console.log(yield* t1);
  console.log(yield* t2);

  // Cancelling a task throws CancelledError into the generator at its yield.
  const sleeper = create_task(
    coroutine(function* sleeper() {
      try {
        yield* sleep(3600);
      } catch (error) {
        console.log("sleeper got", (error as Error).name, "at its yield");
        throw error; // re-raise: the task ends cancelled
      }
    })(),
  );
  yield* sleep(0); // let the sleeper start
  sleeper.cancel();
  try {
    yield* sleeper;
  } catch (error) {
    console.log("sleeper cancelled:", error instanceof CancelledError, sleeper.cancelled());
  }
});

console.log("Part 2: the event loop drives the generator");
await run(main(), { clock });
