"""1,000 tasks each taking one asyncio.Lock 100 times (async with, one sleep(0) inside).
Mirrors the "Lock x1000 tasks x100" group of bench/queues_bench.ts.

Usage: python3 queues_lock.py [task] [n_tasks]; prints one JSON line with its own timing."""

import asyncio

from _common import command_line, timed

N = 1_000
ROUNDS = 100


async def main(n: int) -> None:
    lock = asyncio.Lock()

    async def worker():
        for _ in range(ROUNDS):
            async with lock:
                await asyncio.sleep(0)

    await asyncio.gather(*(worker() for _ in range(n)))


WORKLOADS = {"task": timed(main)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
