// wait(): FIRST_COMPLETED and timeout return early, cancel nothing; a cancelled task counts as completed (generator style in TS).
import {
  CancelledError,
  coroutine,
  create_task,
  FIRST_COMPLETED,
  get_running_loop,
  run,
  sleep,
  type Task,
  wait,
} from "../../mod.ts";

const work = coroutine(function* (name: string, delay: number) {
  try {
    yield* sleep(delay);
  } catch (error) {
    if (error instanceof CancelledError) console.log("cancelled", name);
    throw error;
  }
  console.log("finished", name);
  return name;
});

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

function names(tasks: Set<Task<string>>): string {
  return [...tasks].map((t) => t.get_name()).sort().join(",") || "-";
}

const main = coroutine(function* () {
  const a = create_task(work("a", 0.01), { name: "a" });
  const b = create_task(work("b", 0.03), { name: "b" });
  let [done, pending] = yield* wait([a, b], { return_when: FIRST_COMPLETED });
  console.log("first", names(done), "pending", names(pending), "b running", yn(!b.done()));
  [done, pending] = yield* wait([b], { timeout: 0.01 });
  console.log("timeout", names(done), "pending", names(pending), "b cancelled", yn(b.cancelled()));
  const c = create_task(work("c", 1), { name: "c" });
  get_running_loop().call_soon(() => c.cancel());
  [done, pending] = yield* wait([b, c], { return_when: FIRST_COMPLETED });
  console.log("after cancel", names(done), "pending", names(pending));
  [done, pending] = yield* wait([a, b], { return_when: FIRST_COMPLETED });
  console.log("already done", names(done), "pending", names(pending));
  [done, pending] = yield* wait([b], { timeout: null });
  console.log("all", names(done), "pending", names(pending), b.result());
  const d = create_task(work("d", 0.02), { name: "d" });
  [done, pending] = yield* wait([d], { timeout: -1 });
  console.log("negative timeout", names(done), "pending", names(pending));
  yield* d;
});

await run(main(), { clock: "virtual" });
