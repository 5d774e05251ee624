// wait(): FIRST_EXCEPTION returns on the first error (also one raised while waiting), else waits for all; cancellation does not count as an error.
import {
  coroutine,
  create_task,
  FIRST_EXCEPTION,
  get_running_loop,
  run,
  sleep,
  type Task,
  wait,
} from "../../mod.ts";

class Boom extends Error {
  override name = "Boom";
}

const work = coroutine(async (name: string, delay: number, fail = false) => {
  await sleep(delay);
  if (fail) {
    console.log("failing", name);
    throw new Boom(name);
  }
  console.log("finished", name);
  return name;
});

function names(tasks: Set<Task<string>>): string {
  return [...tasks].map((t) => t.get_name()).sort().join(",") || "-";
}

const main = coroutine(async () => {
  // an error that is already there
  const bad = create_task(work("bad", 0, true), { name: "bad" });
  await sleep(0.001);
  const slow = create_task(work("slow", 0.02), { name: "slow" });
  let [done, pending] = await wait([bad, slow], { return_when: FIRST_EXCEPTION });
  console.log("step1", names(done), "pending", names(pending), (bad.exception() as Error).name);
  // an error raised while waiting
  const a = create_task(work("a", 0.005), { name: "a" });
  const b = create_task(work("b", 0.01, true), { name: "b" });
  const c = create_task(work("c", 0.05), { name: "c" });
  [done, pending] = await wait([a, b, c], { return_when: FIRST_EXCEPTION });
  console.log("step2", names(done), "pending", names(pending));
  // a cancelled task is not an error: wait goes on until all are done
  const d = create_task(work("d", 1), { name: "d" });
  get_running_loop().call_later(0.005, () => d.cancel());
  [done, pending] = await wait([c, d, slow], { return_when: FIRST_EXCEPTION });
  console.log(
    "step3",
    names(done),
    "pending",
    names(pending),
    "d cancelled",
    d.cancelled() ? "yes" : "no",
  );
  console.log("errors", (b.exception() as Error).message, (bad.exception() as Error).message);
});

await run(main(), { clock: "virtual" });
