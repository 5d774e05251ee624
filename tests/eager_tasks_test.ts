// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await require-yield
import {
  all_tasks,
  coroutine,
  create_eager_task_factory,
  create_task,
  current_task,
  eager_task_factory,
  get_running_loop,
  run,
  sleep,
  Task,
} from "../mod.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";

Deno.test("eager: a generator that finishes in its first step is done inside create_task, never scheduled", async () => {
  const log: string[] = [];
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      loop.set_task_factory(eager_task_factory);
      const quick = coroutine(function* () {
        log.push(`in step: ${all_tasks().has(current_task()!)}`);
        return 42;
      });
      const task = create_task(quick());
      assertOk(task.done());
      assertEquals(task.result(), 42);
      assertOk(!all_tasks().has(task));
      assertEquals(loop._ready.length, 0);
    })(),
  );
  assertEquals(log, ["in step: true"]);
});

Deno.test("eager: an async function runs to its first await inside create_task; its end is seen one iteration later", async () => {
  const log: string[] = [];
  await run(
    coroutine(async () => {
      const main = current_task();
      const no_await = coroutine(async () => {
        log.push(`child runs; current is child: ${current_task() !== main}`);
        return 7;
      });
      const task = create_task(no_await(), { eager_start: true });
      log.push(
        `after create_task: current is main: ${current_task() === main}, done: ${task.done()}`,
      );
      await sleep(0);
      log.push(`after one iteration: done: ${task.done()}, result: ${task.result()}`);
    })(),
  );
  assertEquals(log, [
    "child runs; current is child: true",
    "after create_task: current is main: true, done: false",
    "after one iteration: done: true, result: 7",
  ]);
});

Deno.test("eager: an async function's later steps, foreign awaits included, go on as a lazy task's", async () => {
  const result = await run(
    coroutine(async () => {
      const child = coroutine(async (n: number) => {
        await sleep(0);
        await new Promise((resolve) => setTimeout(resolve, 1));
        await sleep(0.001);
        return n * 2;
      });
      const tasks = [1, 2, 3].map((n) => create_task(child(n), { eager_start: true }));
      let sum = 0;
      for (const task of tasks) sum += await task;
      return sum;
    })(),
  );
  assertEquals(result, 12);
});

Deno.test("eager: create_eager_task_factory constructs the given class, with the options given", async () => {
  class Named<T> extends Task<T> {}
  await run(
    coroutine(async () => {
      get_running_loop().set_task_factory(create_eager_task_factory(Named));
      const task = create_task(sleep(1), { name: "n" });
      assertOk(task instanceof Named);
      assertStrictEquals(task.get_name(), "n");
      task.cancel();
    })(),
    { clock: "virtual" },
  );
  assertThrows(
    () => create_eager_task_factory(5 as never),
    /create_eager_task_factory\(\): custom_task_constructor must be a Task class, got 5/,
  );
});
