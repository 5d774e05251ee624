"""`await asyncio.gather(*coros)` of 100,000 coroutines, each doing one
`await asyncio.sleep(0)` and returning its index. Mirrors the gather groups
of bench/composition_gather_bench.ts.

Usage: python3 composition_gather.py [coroutine] [n]; prints one JSON line."""

import asyncio
import sys
import time

from core_common import report

N = 100_000


async def child(i: int) -> int:
    await asyncio.sleep(0)
    return i


async def main(n: int) -> int:
    results = await asyncio.gather(*[child(i) for i in range(n)])
    return sum(results)


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
