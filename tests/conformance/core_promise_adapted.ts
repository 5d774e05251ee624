// Adapted Promises (TS) behave like already-done futures (Python): awaiting them continues in the same step.
import {
  coroutine,
  create_task,
  ensure_future,
  gather,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

const other = coroutine(async () => {
  for (let i = 0; i < 3; i++) {
    console.log("other", i);
    await sleep(0);
  }
});

const plus_one = coroutine(async (n: number) => {
  await sleep(0);
  return n + 1;
});

const main = coroutine(async () => {
  const o = create_task(other());
  await sleep(0);
  console.log("main: await a resolved promise");
  console.log("main got", await Promise.resolve(5));
  const f = ensure_future(Promise.resolve(6));
  console.log("main got", await f);
  try {
    await Promise.reject(new ValueError("rejected"));
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("main caught", e.name, e.message);
  }
  const g = ensure_future(Promise.reject(new ValueError("wrapped")));
  await sleep(0);
  console.log(
    "wrapped future done",
    g.done() ? "yes" : "no",
    "exception",
    (g.exception() as Error).message,
  );
  await o;
  const results = await gather(Promise.resolve("p"), plus_one(1), Promise.resolve("q"));
  console.log("gather", results.map(String).join(","));
});

await run(main(), { clock: "virtual" });
