"""100,000 child tasks created by one main task, then each awaited.
Mirrors spawn_async / spawn_generator in bench/_core_workloads.ts.

Usage: python3 core_spawn.py [tasks] [n]; prints one JSON line."""

import asyncio
import sys
import time

from core_common import report

N = 100_000


async def child() -> int:
    return 1


async def main(n: int) -> None:
    tasks = [asyncio.create_task(child()) for _ in range(n)]
    total = 0
    for t in tasks:
        total += await t
    assert total == n, total


def tasks(n: int) -> float:
    loop = asyncio.new_event_loop()
    start = time.perf_counter()
    loop.run_until_complete(main(n))
    elapsed = time.perf_counter() - start
    loop.close()
    return elapsed


WORKLOADS = {"tasks": tasks}

if __name__ == "__main__":
    report(__file__, WORKLOADS, N, sys.argv[1:])
