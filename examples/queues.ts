/**
 * Queues, from the asyncio guide: `q.put(n)` is a coroutine that does
 * nothing until it is scheduled. `ensure_future` schedules three puts as
 * tasks; each `await q.get()` gives them a chance to run and takes an item.
 *
 * The Python original:
 *
 * ```python
 * import asyncio
 *
 * async def main():
 *     q = asyncio.Queue()
 *     for n in (1, 2, 3):
 *         asyncio.ensure_future(q.put(n))
 *     for _ in range(3):
 *         print(await q.get())
 *
 * asyncio.run(main())
 * ```
 *
 * Run it with `deno run examples/queues.ts`; it prints 1, 2 and 3.
 *
 * @module
 */

import { coroutine, ensure_future, Queue, run } from "../mod.ts";

const main = coroutine(async () => {
  const q = new Queue<number>();
  for (const n of [1, 2, 3]) {
    ensure_future(q.put(n));
  }
  for (let i = 0; i < 3; i++) {
    console.log(await q.get());
  }
});

await run(main());
