"""100,000 child tasks created by one main task, then each awaited.
Mirrors spawn_async / spawn_generator in bench/_core_workloads.ts.

Usage: python3 core_spawn.py [tasks] [n]; prints one JSON line."""

import asyncio

from _common import command_line, timed

N = 100_000


async def child() -> int:
    return 1


async def main(n: int) -> None:
    tasks = [asyncio.create_task(child()) for _ in range(n)]
    total = 0
    for t in tasks:
        total += await t
    assert total == n, total


WORKLOADS = {"tasks": timed(main)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
