// A body that delays its cancellation (sleeps in its handler) still gets the error of a child that fails meanwhile, also when the cancelled task awaits the group's task (test_taskgroup_15/16).
import {
  async_with,
  BaseExceptionGroup,
  coroutine,
  create_task,
  run,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

function describe(e: unknown): string {
  if (e instanceof BaseExceptionGroup) return `${e.name}[${e.exceptions.map(describe).join(", ")}]`;
  return `${(e as Error).name}(${(e as Error).message})`;
}

const crash_soon = coroutine(async () => {
  await sleep(0.03);
  console.log("child crashes");
  throw new ValueError("crash");
});

const group_runner = coroutine(async function group_runner() {
  await async_with(new TaskGroup(), async (g1) => {
    g1.create_task(crash_soon());
    try {
      await sleep(10);
    } catch (error) {
      console.log("body cancelled, cleaning up slowly");
      await sleep(0.05);
      console.log("body re-raises");
      throw error;
    }
  });
});

const awaiting_runner = coroutine(async function awaiting_runner() {
  const t = create_task(group_runner());
  await t;
});

const main = coroutine(async () => {
  for (const runner of [group_runner, awaiting_runner]) {
    const r = create_task(runner());
    await sleep(0.01);
    r.cancel();
    try {
      await r;
    } catch (e) {
      console.log(runner.name, describe(e), r.cancelled() ? "cancelled" : "not cancelled");
    }
  }
});

await run(main(), { clock: "virtual" });
