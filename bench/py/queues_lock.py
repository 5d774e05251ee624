"""1,000 tasks each taking one asyncio.Lock 100 times (async with, one sleep(0) inside).
Mirrors the "Lock x1000 tasks x100" group of bench/queues_bench.ts.

Usage: python3 queues_lock.py [task] [n_tasks]; prints one JSON line with its own timing."""

import asyncio
import json
import os
import sys
import time

N = 1_000
ROUNDS = 100


async def main(n: int) -> None:
    lock = asyncio.Lock()

    async def worker():
        for _ in range(ROUNDS):
            async with lock:
                await asyncio.sleep(0)

    await asyncio.gather(*(worker() for _ in range(n)))


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
