// Awaiting an already done future or task continues in the same step (no loop iteration), in both coroutine styles.
import { coroutine, create_task, type Future, get_running_loop, run, sleep } from "../../mod.ts";

const ticker = coroutine(async () => {
  for (let i = 0; i < 3; i++) {
    console.log("tick", i);
    await sleep(0);
  }
});

// deno-lint-ignore require-await
const quick = coroutine(async () => "quick");

const async_style = coroutine(async (fut: Future<string>, task: Future<string>) => {
  console.log("async: before awaits");
  const a = await fut;
  const b = await task;
  console.log("async: got", a, b, "without yielding");
  await sleep(0);
  console.log("async: after a real yield");
});

const gen_style = coroutine(function* (fut: Future<string>, task: Future<string>) {
  console.log("gen: before awaits");
  const a: string = yield* fut;
  const b: string = yield* task;
  console.log("gen: got", a, b, "without yielding");
  yield* sleep(0);
  console.log("gen: after a real yield");
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<string>();
  fut.set_result("fut");
  const task = create_task(quick());
  await task;
  const tk = create_task(ticker());
  await sleep(0);
  await async_style(fut, task);
  await gen_style(fut, task);
  await tk;
});

await run(main(), { clock: "virtual" });
