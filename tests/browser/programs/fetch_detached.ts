// docs/ordering.md, "Foreign promises: detached tasks", with a real fetch:
// the loop goes on while the task awaits the response; after it the
// coroutine runs outside any task (current_task() is null) and rejoins as
// itself at its next library await.
import { coroutine, create_task, current_task, run, sleep } from "@aiots/asyncio";
import { check, delayed } from "./_check.ts";

const log: string[] = [];
let downloaded = false;
const download = coroutine(async function download() {
  const response = await fetch(delayed(100, "data"));
  const body = (await response.json()).value;
  downloaded = true;
  log.push(`got ${body} in ${current_task()?.get_name() ?? "no task"}`);
  await sleep(0);
  log.push(`rejoined in ${current_task()?.get_name()}`);
  return body;
});

const result = await run(
  coroutine(async function main() {
    const task = create_task(download(), { name: "download" });
    let ticks = 0;
    while (!downloaded) {
      ticks++;
      await sleep(0.001);
    }
    check(ticks > 1, `the loop went on while the task was detached (ticks: ${ticks})`);
    return await task;
  })(),
);
console.log(log.join(", "));
check(log.join(", ") === "got data in no task, rejoined in download", log.join(", "));
check(result === "data", `result ${result}`);
console.log("ok");
