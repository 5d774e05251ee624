"""10,000 `await asyncio.wait_for(work(i), 10)` in one task, each finishing
(after one `await asyncio.sleep(0)`) long before its timeout. Mirrors the
wait_for workloads of bench/composition_bench.ts.

Usage: python3 composition_wait_for.py [coroutine] [n]; prints one JSON line."""

import asyncio

from _common import command_line, sum_below, timed

N = 10_000


async def work(i: int) -> int:
    await asyncio.sleep(0)
    return i


async def main(n: int) -> int:
    total = 0
    for i in range(n):
        total += await asyncio.wait_for(work(i), 10)
    return total


WORKLOADS = {"coroutine": timed(main, expect=sum_below)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
