"""100,000 items through an unbounded asyncio.Queue: a waiting consumer (get + task_done),
a producer putting every item, then join().
Mirrors the "unbounded Queue x100k" group of bench/queues_bench.ts.

Usage: python3 queues_unbounded.py [task] [n]; prints one JSON line with its own timing."""

import asyncio

from _common import command_line, timed

N = 100_000


async def main(n: int) -> None:
    q = asyncio.Queue()

    async def consumer():
        for _ in range(n):
            await q.get()
            q.task_done()

    worker = asyncio.create_task(consumer())
    for i in range(n):
        await q.put(i)
    await q.join()
    await worker


WORKLOADS = {"task": timed(main)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
