"""A producer and a consumer passing 200,000 items through asyncio.Queue(1).
Mirrors the "Queue(1) ping-pong" group of bench/queues_bench.ts.

Usage: python3 queues_pingpong.py [task] [n]; prints one JSON line with its own timing."""

import asyncio

from _common import command_line, timed

N = 200_000


async def main(n: int) -> None:
    q = asyncio.Queue(1)

    async def producer():
        for i in range(n):
            await q.put(i)

    async def consumer():
        for _ in range(n):
            await q.get()

    await asyncio.gather(producer(), consumer())


WORKLOADS = {"task": timed(main)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
