"""`await asyncio.gather(*coros)` of 100,000 coroutines, each doing one
`await asyncio.sleep(0)` and returning its index. Mirrors the gather groups
of bench/composition_gather_bench.ts.

Usage: python3 composition_gather.py [coroutine] [n]; prints one JSON line."""

import asyncio

from _common import command_line, sum_below, timed

N = 100_000


async def child(i: int) -> int:
    await asyncio.sleep(0)
    return i


async def main(n: int) -> int:
    results = await asyncio.gather(*[child(i) for i in range(n)])
    return sum(results)


WORKLOADS = {"coroutine": timed(main, expect=sum_below)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
