// The group withdraws the cancellation it made of its parent (uncancel), so code after a failed group runs on; a failing __aexit__ inside the group joins the errors (taskgroups.py parent_cancel_requested bookkeeping, test_taskgroup_context_manager_exit_raises).
import {
  async_with,
  coroutine,
  create_task,
  current_task,
  ExceptionGroup,
  run,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

const fail = coroutine(async (delay: number) => {
  await sleep(delay);
  throw new ValueError("child");
});

const after_failure = coroutine(async () => {
  const task = current_task()!;
  try {
    await async_with(new TaskGroup(), async (tg) => {
      tg.create_task(fail(0.01));
      await sleep(1);
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log("caught", eg.name, "cancelling()", String(task.cancelling()));
  }
  await sleep(0.01);
  console.log("went on after the group");
  return "finished";
});

const exit_raises = coroutine(async () => {
  const task = current_task()!;
  const database = {
    // deno-lint-ignore require-await
    __aenter__: async () => database,
    // deno-lint-ignore require-await
    __aexit__: async (): Promise<boolean> => {
      throw new ValueError("database");
    },
  };
  try {
    await async_with(new TaskGroup(), async (tg) => {
      await async_with(database, async () => {
        tg.create_task(fail(0));
        await sleep(1);
      });
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    console.log(
      "exit_raises",
      eg.exceptions.map((e) => (e as Error).message).join(","),
      "cancelling()",
      String(task.cancelling()),
    );
  }
});

const main = coroutine(async () => {
  console.log(await create_task(after_failure()));
  await create_task(exit_raises());
});

await run(main(), { clock: "virtual" });
