// An error raised by the body cancels the children and joins the ExceptionGroup, after the errors of failed children (test_taskgroup_09/10/19).
import {
  async_with,
  BaseExceptionGroup,
  coroutine,
  current_task,
  ExceptionGroup,
  run,
  RuntimeError,
  sleep,
  type Task,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

function describe(e: unknown): string {
  if (e instanceof BaseExceptionGroup) return `${e.name}[${e.exceptions.map(describe).join(", ")}]`;
  return `${(e as Error).name}(${(e as Error).message})`;
}

const py = (b: boolean) => (b ? "True" : "False");

const value_after = coroutine(async (delay: number, value: number) => {
  await sleep(delay);
  return value;
});

const crash_soon = coroutine(async () => {
  await sleep(0.01);
  throw new ValueError("crash_soon");
});

const nested = coroutine(async () => {
  try {
    await sleep(1);
  } finally {
    console.log("nested finally");
    // deno-lint-ignore no-unsafe-finally
    throw new TypeError("from nested finally");
  }
});

const main = coroutine(async () => {
  let t1!: Task<number>, t2!: Task<number>;
  // Body fails after an await.
  try {
    await async_with(new TaskGroup(), async (tg) => {
      t1 = tg.create_task(value_after(1, 42));
      t2 = tg.create_task(value_after(2, 11));
      await sleep(0.01);
      throw new RuntimeError("body");
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log("case 1", describe(eg));
  }
  console.log("case 1 children", py(t1.cancelled()), py(t2.cancelled()));

  // Body fails before its first await.
  try {
    await async_with(new TaskGroup(), (tg) => {
      t1 = tg.create_task(value_after(1, 42));
      throw new RuntimeError("at once");
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log("case 2", describe(eg));
  }
  console.log("case 2 child", py(t1.cancelled()));

  // A child fails; the body's cleanup raises as well.
  try {
    await async_with(new TaskGroup(), async (tg) => {
      tg.create_task(crash_soon());
      await nested();
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log("case 3", describe(eg));
  }
  console.log("cancelling()", String(current_task()!.cancelling()));
});

await run(main(), { clock: "virtual" });
