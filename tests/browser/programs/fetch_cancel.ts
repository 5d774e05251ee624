// docs/ordering.md, "Cancelling a detached task", with real fetches: the
// task that passed its signal to fetch is cancelled through the request; the
// one that did not is cancelled at its next library await.
import { CancelledError, coroutine, create_task, current_task, run, sleep } from "@aiots/asyncio";
import { check, delayed } from "./_check.ts";

const log: string[] = [];
const with_signal = coroutine(async function with_signal() {
  try {
    return await fetch("/api/hang", { signal: current_task()!.signal });
  } catch (error) {
    log.push(`with_signal: ${(error as Error).name} from the request`);
    throw error;
  }
});
const without_signal = coroutine(async function without_signal() {
  await fetch(delayed(100, "ignored"));
  try {
    await sleep(0);
  } catch (error) {
    log.push(`without_signal: ${(error as Error).name} at its next library await`);
    throw error;
  }
});

await run(
  coroutine(async function main() {
    const tasks = [create_task(with_signal()), create_task(without_signal())];
    await sleep(0.005);
    for (const task of tasks) task.cancel();
    check(tasks.every((task) => task.signal.aborted), "the signals abort at once");
    for (const task of tasks) {
      try {
        await task;
        check(false, "the task was not cancelled");
      } catch (error) {
        check(error instanceof CancelledError, `CancelledError, got ${error}`);
      }
      check(task.cancelled(), "task.cancelled()");
    }
  })(),
);
for (const line of log) console.log(line);
check(
  log.join(" | ") ===
    "with_signal: CancelledError from the request | without_signal: CancelledError at its next library await",
  log.join(" | "),
);
console.log("ok");
