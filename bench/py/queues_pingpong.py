"""A producer and a consumer passing 200,000 items through asyncio.Queue(1).
Mirrors the "Queue(1) ping-pong" group of bench/queues_bench.ts.

Usage: python3 queues_pingpong.py [task] [n]; prints one JSON line with its own timing."""

import asyncio
import json
import os
import sys
import time

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


def task(n: int) -> float:
    loop = asyncio.new_event_loop()
    start = time.perf_counter()
    loop.run_until_complete(main(n))
    elapsed = time.perf_counter() - start
    loop.close()
    return elapsed


WORKLOADS = {"task": task}

if __name__ == "__main__":
    variant = sys.argv[1] if len(sys.argv) > 1 else "task"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else N
    seconds = WORKLOADS[variant](n)
    print(json.dumps({"script": os.path.basename(__file__), "variant": variant, "n": n,
                      "ms": round(seconds * 1000, 3)}))
