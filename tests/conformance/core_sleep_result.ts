// sleep(delay, result) returns result; zero and negative delays yield exactly one iteration; sleeps wake in deadline order.
import { coroutine, create_task, run, sleep } from "../../mod.ts";

const sleeper = coroutine(async (name: string, d: number) => {
  const v = await sleep(d, name + "-result");
  console.log("woke", v);
  return v;
});

const counter = coroutine(async () => {
  for (let i = 0; i < 3; i++) {
    console.log("count", i);
    await sleep(0);
  }
});

const main = coroutine(async () => {
  const c = create_task(counter());
  console.log("sleep(0) ->", await sleep(0, "zero"));
  console.log("sleep(-1) ->", await sleep(-1, "negative"));
  console.log("sleep(0) no result ->", (await sleep(0)) ?? "None");
  await c;
  const ts = ([["c", 0.06], ["a", 0.02], ["b", 0.04]] as const).map(([n, d]) =>
    create_task(sleeper(n, d))
  );
  for (const t of ts) await t;
});

await run(main(), { clock: "virtual" });
