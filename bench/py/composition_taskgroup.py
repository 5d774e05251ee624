"""An `asyncio.TaskGroup` of 100,000 children, each doing one
`await asyncio.sleep(0)` and adding its index to a total. Mirrors the
TaskGroup groups of bench/composition_gather_bench.ts.

Usage: python3 composition_taskgroup.py [coroutine] [n]; prints one JSON line."""

import asyncio

from _common import command_line, sum_below, timed

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


WORKLOADS = {"coroutine": timed(main, expect=sum_below)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
