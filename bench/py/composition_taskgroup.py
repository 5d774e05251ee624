"""An `asyncio.TaskGroup` of 100,000 children, each doing one
`await asyncio.sleep(0)` and adding its index to a total. Mirrors the
TaskGroup groups of bench/composition_gather_bench.ts.

Usage: python3 composition_taskgroup.py [coroutine] [n]; prints one JSON line."""

import asyncio
import sys
import time

from core_common import report

N = 100_000


async def main(n: int) -> int:
    total = 0

    async def child(i: int) -> None:
        nonlocal total
        await asyncio.sleep(0)
        total += i

    async with asyncio.TaskGroup() as tg:
        for i in range(n):
            tg.create_task(child(i))
    return total


def coroutine(n: int) -> float:
    loop = asyncio.new_event_loop()
    start = time.perf_counter()
    total = loop.run_until_complete(main(n))
    elapsed = time.perf_counter() - start
    loop.close()
    if total != n * (n - 1) // 2:
        raise SystemExit(f"wrong total {total}")
    return elapsed


WORKLOADS = {"coroutine": coroutine}

if __name__ == "__main__":
    report(__file__, WORKLOADS, N, sys.argv[1:])
