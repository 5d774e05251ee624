// gather returns results in argument order whatever the finishing order; duplicates and done futures are fine.
import { coroutine, create_task, gather, get_running_loop, run, sleep } from "../../mod.ts";

const after = coroutine(async (d: number, value: string) => {
  await sleep(d);
  console.log("finished", value);
  return value;
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  const results = await gather(after(0.06, "slow"), after(0.02, "fast"), after(0.04, "mid"));
  console.log("results", results.join(","));
  const fut = loop.create_future<string>();
  loop.call_later(0.01, (v: string) => fut.set_result(v), "fut");
  const t = create_task(after(0, "task"));
  const mixed = await gather(fut, t, fut, after(0.005, "coro"));
  console.log("mixed", mixed.join(","));
  console.log("empty", (await gather()).length);
});

await run(main(), { clock: "virtual" });
