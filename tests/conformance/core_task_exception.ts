// A failing task: every awaiter gets the same error object, in registration order; exception() returns it.
import { coroutine, create_task, run, sleep, type Task } from "../../mod.ts";

class AppError extends Error {
  override name = "AppError";
}

const failing = coroutine(async (): Promise<never> => {
  await sleep(0.01);
  throw new AppError("task failed");
});

const awaiter = coroutine(async (name: string, t: Task<never>, seen: unknown[]) => {
  try {
    await t;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.log(name, "got", e.name, e.message);
    seen.push(e);
  }
});

const main = coroutine(async () => {
  const t = create_task(failing(), { name: "failing" });
  const seen: unknown[] = [];
  t.add_done_callback((f) =>
    console.log("done callback, exception", (f.exception() as Error).name)
  );
  const w1 = create_task(awaiter("w1", t, seen));
  const w2 = create_task(awaiter("w2", t, seen));
  await w1;
  await w2;
  console.log("same object", seen[0] === seen[1] && seen[1] === t.exception() ? "yes" : "no");
  console.log("done", t.done() ? "yes" : "no", "cancelled", t.cancelled() ? "yes" : "no");
  try {
    t.result();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.log("result() raised", e.message);
  }
});

await run(main(), { clock: "virtual" });
