// fetch mixed with tasks, the way docs/ordering.md recommends where several
// tasks fetch at once: `wrap_future(fetch(...))` is a library await (the
// task never detaches), passing the task's signal lets a cancellation or a
// timeout abort the request. A small crawler: a Queue of URLs, workers in a
// TaskGroup.
import {
  async_with,
  coroutine,
  current_task,
  Queue,
  run,
  sleep,
  TaskGroup,
  timeout,
  TimeoutError,
  wrap_future,
} from "@aiots/asyncio";
import { aborted_requests, check, delayed } from "./_check.ts";

const get = coroutine(async function get(url: string) {
  const response = await wrap_future(fetch(url, { signal: current_task()!.signal }));
  return (await wrap_future(response.json() as Promise<{ value: string }>)).value;
});

const results = await run(
  coroutine(async function main() {
    const queue = new Queue<[number, string]>();
    const pages = ["a", "b", "c", "d", "e", "f"];
    pages.forEach((page, i) => queue.put_nowait([(i * 37) % 90, page]));
    const seen: string[] = [];
    const crawl = coroutine(async function crawl() {
      for (;;) {
        const [ms, page] = await queue.get();
        const body = await get(delayed(ms, page));
        seen.push(`${body} by ${current_task()!.get_name()}`);
        queue.task_done();
      }
    });
    await async_with(new TaskGroup(), async (group) => {
      const workers = [1, 2, 3].map((n) => group.create_task(crawl(), { name: `crawler-${n}` }));
      await queue.join();
      for (const worker of workers) worker.cancel();
    });
    check(seen.length === pages.length, `every page fetched once: ${seen}`);
    check(
      seen.every((line) => /^[a-f] by crawler-[123]$/.test(line)),
      `each fetch ran in its own task: ${seen}`,
    );

    // A timeout around a request that never answers: the request is aborted.
    const before = await aborted_requests();
    let timed_out = false;
    try {
      await async_with(timeout(0.05), async () => await get("/api/hang"));
    } catch (error) {
      timed_out = error instanceof TimeoutError;
    }
    check(timed_out, "the hanging request timed out");
    let aborted = before;
    for (let i = 0; i < 100 && aborted === before; i++) {
      await sleep(0.02);
      aborted = await aborted_requests();
    }
    check(aborted === before + 1, `the server saw the request aborted (${before} -> ${aborted})`);
    return seen.length;
  })(),
);
console.log(`crawled ${results} pages in 3 tasks; a timed-out fetch was aborted`);
console.log("ok");
