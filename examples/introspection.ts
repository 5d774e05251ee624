/**
 * Where is my program stuck? A program that never finishes, and the tree of
 * its tasks, printed each time the process gets `SIGUSR2`: every task, the
 * coroutine frames it waits in, and the tasks it waits for. (CPython 3.14
 * prints the same tree from outside with `python -m asyncio pstree PID`.)
 *
 *     deno run --allow-run examples/introspection.ts &
 *     kill -USR2 %1     # prints the tree
 *     kill -TERM %1     # stops it
 *
 * Two workers take two locks in opposite orders and wait for each other
 * forever; a `gather` of downloads waits for a start signal that never
 * comes. Debug mode adds the file and line of each async function's await.
 */

import {
  add_task_dump_handler,
  async_with,
  coroutine,
  Event,
  gather,
  get_running_loop,
  Lock,
  run,
  sleep,
  TaskGroup,
} from "../mod.ts";

const worker = coroutine(async function worker(first: Lock, second: Lock) {
  await async_with(first, async () => {
    await sleep(0.01);
    await async_with(second, async () => {}); // waits for the other worker forever
  });
});

const download = coroutine(async function download(start: Event, url: string) {
  await start.wait(); // nobody sets it
  return url;
});

const downloads = coroutine(async function downloads(start: Event) {
  return await gather(download(start, "a.txt"), download(start, "b.txt"));
});

const main = coroutine(async function main() {
  const loop = get_running_loop();
  const stopped = new Event();
  add_task_dump_handler(loop, "SIGUSR2", { file: (text) => console.log(text) });
  loop.add_signal_handler("SIGTERM", () => stopped.set());
  const a = new Lock();
  const b = new Lock();
  const start = new Event();
  const group = new TaskGroup();
  const stuck = async_with(group, async (tg) => {
    tg.create_task(worker(a, b), { name: "worker-1" });
    tg.create_task(worker(b, a), { name: "worker-2" });
    tg.create_task(downloads(start), { name: "downloads" });
    await sleep(0.1);
    console.log(`stuck (pid ${Deno.pid}): send SIGUSR2 to see the tasks, SIGTERM to stop`);
  });
  const stop = coroutine(async function stop() {
    await stopped.wait();
    throw new Error("stopped by SIGTERM");
  });
  try {
    await gather(stuck, stop());
  } catch (error) {
    console.log((error as Error).message);
  }
});

await run(main(), { debug: true });
