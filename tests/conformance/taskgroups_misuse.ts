// TaskGroup misuse is a RuntimeError with CPython's message: not entered, entered twice, finished, shutting down; create_task names tasks (test_taskgroup_task_name, _already_entered, _double_enter, _finished, _not_entered, _no_create_task_after_failure).
import {
  async_with,
  coroutine,
  ExceptionGroup,
  run,
  RuntimeError,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

function show(label: string, e: unknown): void {
  console.log(label, `${(e as Error).name}: ${(e as Error).message}`);
}

const crash = coroutine(async () => {
  await sleep(0.01);
  throw new ValueError("crash");
});

const main = coroutine(async () => {
  const tg = new TaskGroup();
  console.log("fresh", String(tg));
  let coro = sleep(0);
  try {
    tg.create_task(coro);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    show("not entered", e);
  }
  // Never started: nothing to close.

  await async_with(tg, async () => {
    const t = tg.create_task(sleep(0), { name: "yolo" });
    console.log("name", t.get_name(), String(tg));
    try {
      await async_with(tg, async () => {});
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      show("inside", e);
    }
  });
  console.log("after", String(tg));

  try {
    await async_with(tg, async () => {});
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    show("again", e);
  }

  coro = sleep(0);
  try {
    tg.create_task(coro);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    show("finished", e);
  }
  // Never started: nothing to close.

  const bystander = coroutine(async (g: TaskGroup) => {
    try {
      await sleep(1);
    } catch (error) {
      const c = sleep(0);
      try {
        g.create_task(c);
      } catch (e) {
        if (!(e instanceof RuntimeError)) throw e;
        show("shutting down", e);
      }
      throw error;
    }
  });

  try {
    // deno-lint-ignore require-await
    await async_with(new TaskGroup(), async (g) => {
      g.create_task(crash());
      g.create_task(bystander(g));
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log("group", eg.exceptions.map((e) => (e as Error).name).join(","));
  }
});

await run(main(), { clock: "virtual" });
