"""10,000 `await asyncio.wait_for(work(i), 10)` in one task, each finishing
(after one `await asyncio.sleep(0)`) long before its timeout. Mirrors the
wait_for workloads of bench/composition_bench.ts.

Usage: python3 composition_wait_for.py [coroutine] [n]; prints one JSON line."""

import asyncio
import sys
import time

from core_common import report

N = 10_000


async def work(i: int) -> int:
    await asyncio.sleep(0)
    return i


async def main(n: int) -> int:
    total = 0
    for i in range(n):
        total += await asyncio.wait_for(work(i), 10)
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
