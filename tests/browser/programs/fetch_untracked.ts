// docs/ordering.md, "What holds, runtime by runtime", browsers: no
// AsyncLocalStorage, so every task is untracked, `track_tasks: true`
// included. Three tasks await fetches at the same time; at its next library
// await each is its own task when it is the only one detached, else gets
// `RuntimeError: cannot tell which task ...`: never another task's identity.
import {
  coroutine,
  create_task,
  current_task,
  gather,
  run,
  RuntimeError,
  sleep,
} from "@aiots/asyncio";
import { check, delayed } from "./_check.ts";

const worker = coroutine(async function worker(ms: number) {
  await fetch(delayed(ms, "x"));
  try {
    await sleep(0);
  } catch (error) {
    if (error instanceof RuntimeError && error.message.startsWith("cannot tell which task")) {
      return "cannot tell";
    }
    throw error;
  }
  return `in ${current_task()?.get_name()}`;
});

for (const track_tasks of [false, true]) {
  const results = await run(
    coroutine(async function main() {
      const tasks = [
        create_task(worker(30), { name: "a" }),
        create_task(worker(300), { name: "b" }),
        create_task(worker(600), { name: "c" }),
      ];
      return await gather(...tasks);
    })(),
    { track_tasks },
  );
  console.log(`track_tasks ${track_tasks}: a ${results[0]}, b ${results[1]}, c ${results[2]}`);
  ["a", "b", "c"].forEach((name, i) => {
    check(
      results[i] === `in ${name}` || results[i] === "cannot tell",
      `task ${name} took another identity: ${results[i]}`,
    );
  });
  // The last one back is the only one detached by then: it rejoins as itself.
  check(results[2] === "in c", `the last task rejoins as itself: ${results[2]}`);
}
console.log("ok");
