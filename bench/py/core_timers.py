"""200,000 loop.call_later timers with distinct delays, all cancelled, then
one loop iteration (which drops them from the heap).
Mirrors timers in bench/_core_workloads.ts (same delay formula).

Usage: python3 core_timers.py [call_later] [n]; prints one JSON line."""

import asyncio
import sys
import time

from core_common import report

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


def call_later(n: int) -> float:
    loop = asyncio.new_event_loop()
    start = time.perf_counter()
    loop.run_until_complete(main(n))
    elapsed = time.perf_counter() - start
    loop.close()
    return elapsed


WORKLOADS = {"call_later": call_later}

if __name__ == "__main__":
    report(__file__, WORKLOADS, N, sys.argv[1:])
