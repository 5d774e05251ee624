// Tasks leave the group as they finish, children add tasks to their own group, and a hydra keeps growing until hercules fails (test_taskgroup_23/24/25).
import {
  async_with,
  coroutine,
  ExceptionGroup,
  run,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

// The number of tasks, from the group's repr: <TaskGroup tasks=3 entered>.
const size = (g: TaskGroup) => Number(/tasks=(\d+)/.exec(String(g))?.[1] ?? 0);

const job = coroutine(function* (delay: number) {
  yield* sleep(delay);
});

const leaf = coroutine(function* (delay: number, done: string[]) {
  yield* sleep(delay);
  done.push(String(delay));
});

const root = coroutine(function* (g: TaskGroup, done: string[]) {
  yield* sleep(0.01);
  g.create_task(leaf(0.01, done));
  g.create_task(leaf(0.02, done));
});

const main = coroutine(function* () {
  yield* async_with(new TaskGroup(), function* (g) {
    for (let count = 0; count < 6; count++) {
      yield* sleep(0.03);
      g.create_task(job(0.075));
      console.log("after", String(count + 1), "creations:", String(size(g)), "tasks in the group");
    }
    yield* sleep(0.09);
    console.log("at the end:", String(size(g)));
  });

  const done: string[] = [];
  yield* async_with(new TaskGroup(), function* (g) {
    g.create_task(root(g, done));
  });
  console.log("leaves done", done.join(","));

  let heads = 0;
  const hydra = coroutine(function* (g: TaskGroup): Generator<unknown, void, unknown> {
    heads++;
    yield* sleep(0.01);
    g.create_task(hydra(g));
    g.create_task(hydra(g));
  });
  const hercules = coroutine(function* () {
    while (heads < 10) yield* sleep(0.015);
    throw new ValueError("cut");
  });
  try {
    yield* async_with(new TaskGroup(), function* (g) {
      g.create_task(hydra(g));
      g.create_task(hercules());
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log(
      eg.name,
      (eg.exceptions[0] as Error).name,
      "heads >= 10:",
      heads >= 10 ? "True" : "False",
    );
  }
});

await run(main(), { clock: "virtual" });
