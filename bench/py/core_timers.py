"""200,000 loop.call_later timers with distinct delays, all cancelled, then
one loop iteration (which drops them from the heap).
Mirrors timers in bench/_core_workloads.ts (same delay formula).

Usage: python3 core_timers.py [call_later] [n]; prints one JSON line."""

import asyncio

from _common import command_line, timed

N = 200_000


def timer_delay(i: int, n: int) -> float:
    return 10 + ((i * 7919) % n) / n


def noop() -> None:
    pass


async def main(n: int) -> None:
    loop = asyncio.get_running_loop()
    handles = [loop.call_later(timer_delay(i, n), noop) for i in range(n)]
    for h in handles:
        h.cancel()
    await asyncio.sleep(0)
    assert len(loop._scheduled) == 0, len(loop._scheduled)


WORKLOADS = {"call_later": timed(main)}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
