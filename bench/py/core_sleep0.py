"""One task doing 1,000,000 `await asyncio.sleep(0)`.
Mirrors sleep0_generator / sleep0_async_fn in bench/_core_workloads.ts.

Usage: python3 core_sleep0.py [task] [n]; prints one JSON line."""

import asyncio
import sys
import time

from core_common import report

N = 1_000_000


async def main(n: int) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


def task(n: int) -> float:
    loop = asyncio.new_event_loop()
    start = time.perf_counter()
    loop.run_until_complete(main(n))
    elapsed = time.perf_counter() - start
    loop.close()
    return elapsed


WORKLOADS = {"task": task}

if __name__ == "__main__":
    report(__file__, WORKLOADS, N, sys.argv[1:])
