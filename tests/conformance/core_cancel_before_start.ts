// A task cancelled before its first step never runs its body, for async and generator-style coroutines alike.
import { CancelledError, coroutine, create_task, run, sleep } from "../../mod.ts";

// deno-lint-ignore require-await
const body = coroutine(async (name: string) => {
  console.log("body ran", name);
  return name;
});

const gen_body = coroutine(function* (name: string) {
  console.log("gen body ran (wrong)", name);
  yield* sleep(0);
  return name;
});

const main = coroutine(async () => {
  const t1 = create_task(body("t1"));
  const t2 = create_task(gen_body("t2"));
  const t3 = create_task(body("t3"));
  console.log("cancel t1", t1.cancel("early") ? "yes" : "no");
  console.log("cancel t2", t2.cancel() ? "yes" : "no");
  for (const t of [t1, t2]) {
    try {
      await t;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log("awaited cancelled task, msg", `'${e.message}'`);
    }
  }
  console.log("t3 result", await t3);
  console.log(
    "t1",
    t1.cancelled() ? "cancelled" : "not cancelled",
    "t2",
    t2.cancelled() ? "cancelled" : "not cancelled",
  );
});

await run(main(), { clock: "virtual" });
