// A TaskGroup inside asyncio.timeout(): expiry cancels the children and becomes TimeoutError; a child failing first gives the ExceptionGroup; cancelling() bookkeeping of both context managers together.
import {
  async_with,
  CancelledError,
  coroutine,
  current_task,
  ExceptionGroup,
  run,
  RuntimeError,
  sleep,
  TaskGroup,
  timeout,
  TimeoutError,
} from "../../mod.ts";

const log: string[] = [];

const child = coroutine(async (n: number) => {
  try {
    await sleep(1);
  } catch (error) {
    if (error instanceof CancelledError) log.push(`child ${n} cancelled`);
    throw error;
  }
});

const bad = coroutine(async () => {
  await sleep(0.01);
  throw new RuntimeError("bad");
});

const main = coroutine(async () => {
  const task = current_task()!;
  try {
    await async_with(timeout(0.02), async () => {
      // deno-lint-ignore require-await
      await async_with(new TaskGroup(), async (tg) => {
        tg.create_task(child(1));
        tg.create_task(child(2));
      });
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log(
      "expired:",
      e.name,
      "cause",
      (e.cause as Error).name,
      "cancelling()",
      String(task.cancelling()),
    );
  }
  console.log(log.sort().join(";"));
  log.length = 0;

  try {
    await async_with(timeout(0.05), async () => {
      // deno-lint-ignore require-await
      await async_with(new TaskGroup(), async (tg) => {
        tg.create_task(bad());
        tg.create_task(child(3));
      });
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    // (cancelling() here differs between CPython 3.12 patch releases: not printed.)
    console.log("failed first:", eg.exceptions.map((e) => (e as Error).name).join(","));
  }
  console.log(log.sort().join(";"));
});

await run(main(), { clock: "virtual" });
