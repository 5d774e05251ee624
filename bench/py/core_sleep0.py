"""One task doing 1,000,000 `await asyncio.sleep(0)`.
Mirrors sleep0_generator / sleep0_async_fn in bench/_core_workloads.ts.

Usage: python3 core_sleep0.py [task] [n]; prints one JSON line."""

import asyncio

from _common import command_line, timed

N = 1_000_000


async def main(n: int) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


WORKLOADS = {"task": timed(main)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
