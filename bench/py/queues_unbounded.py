"""100,000 items through an unbounded asyncio.Queue: a waiting consumer (get + task_done),
a producer putting every item, then join().
Mirrors the "unbounded Queue x100k" group of bench/queues_bench.ts.

Usage: python3 queues_unbounded.py [task] [n]; prints one JSON line with its own timing."""

import asyncio
import json
import os
import sys
import time

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
