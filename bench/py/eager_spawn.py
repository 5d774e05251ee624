"""100,000 child tasks that return without awaiting, created by one main
task and then each awaited, with asyncio.eager_task_factory ("eager") or
the default factory ("lazy"). Mirrors bench/eager_bench.ts.

Usage: python3 eager_spawn.py [eager|lazy] [n]; prints one JSON line."""

import asyncio

from _common import command_line, timed

N = 100_000


async def child() -> int:
    return 1


async def spawn(n: int) -> None:
    tasks = [asyncio.create_task(child()) for _ in range(n)]
    total = 0
    for t in tasks:
        total += await t
    assert total == n, total


async def eager(n: int) -> None:
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await spawn(n)


WORKLOADS = {"eager": timed(eager), "lazy": timed(spawn)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
