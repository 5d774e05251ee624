// cancel() returns False on a finished, failed or already cancelled task, True on a pending one even twice.
import { coroutine, create_task, get_running_loop, run, sleep, ValueError } from "../../mod.ts";

// deno-lint-ignore require-await
const quick = coroutine(async () => 1);

// deno-lint-ignore require-await
const failing = coroutine(async () => {
  throw new ValueError("bad");
});

const main = coroutine(async () => {
  const a = create_task(quick());
  const b = create_task(failing());
  const c = create_task(sleep(10));
  await sleep(0);
  await sleep(0);
  console.log("finished", a.cancel() ? "yes" : "no", "result", a.result());
  console.log("failed", b.cancel() ? "yes" : "no", "exception", (b.exception() as Error).name);
  console.log("pending first", c.cancel() ? "yes" : "no");
  console.log("pending second", c.cancel() ? "yes" : "no");
  await sleep(0);
  console.log(
    "after cancelled",
    c.cancel() ? "yes" : "no",
    "cancelled",
    c.cancelled() ? "yes" : "no",
  );
  const f = get_running_loop().create_future();
  console.log("future first", f.cancel() ? "yes" : "no", "second", f.cancel() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
