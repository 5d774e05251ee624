// gather: results in argument order whatever the completion order; the first error propagates while the other children keep running, and their later errors are marked retrieved (GatherTestsBase test_success/test_one_exception, test_exception_marking).
import { coroutine, create_task, gather, run, sleep, ValueError } from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const child = coroutine(async (name: string, delay: number, fail = false) => {
  console.log("start", name);
  await sleep(delay);
  if (fail) {
    console.log("fail", name);
    throw new ValueError(name);
  }
  console.log("done", name);
  return name.toUpperCase();
});

const main = coroutine(async () => {
  const results = await gather(child("a", 0.03), child("b", 0.01), child("c", 0.02));
  console.log("results", results.join(","));

  const slow = create_task(child("slow", 0.15));
  const later = create_task(child("later", 0.1, true));
  const outer = gather(child("first", 0.01, true), slow, later);
  try {
    await outer;
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("gather raised", e.name, e.message);
  }
  console.log(
    "outer done",
    py(outer.done()),
    "slow done",
    py(slow.done()),
    "later done",
    py(later.done()),
  );
  console.log("slow result", await slow);
  const error = later.exception() as Error;
  console.log("later error", error.name, error.message);
  console.log("outer exception is first", (outer.exception() as Error).message);
});

await run(main(), { clock: "virtual" });
