"""1,000,000 loop.call_soon callbacks: a chain (each callback schedules the
next, one per loop iteration) and a batch (all scheduled up front).
Mirrors call_soon_chain / call_soon_batch in bench/_core_workloads.ts.

Usage: python3 core_call_soon.py [chain|batch] [n]; prints one JSON line
with the workload's own timing (interpreter startup excluded)."""

import asyncio
import time

from _common import command_line

N = 1_000_000


def chain(n: int) -> float:
    loop = asyncio.new_event_loop()
    left = n

    def tick() -> None:
        nonlocal left
        left -= 1
        if left > 0:
            loop.call_soon(tick)
        else:
            loop.stop()

    start = time.perf_counter()
    loop.call_soon(tick)
    loop.run_forever()
    elapsed = time.perf_counter() - start
    loop.close()
    assert left == 0, left
    return elapsed


def batch(n: int) -> float:
    loop = asyncio.new_event_loop()
    count = 0

    def tick() -> None:
        nonlocal count
        count += 1

    start = time.perf_counter()
    for _ in range(n):
        loop.call_soon(tick)
    loop.call_soon(loop.stop)
    loop.run_forever()
    elapsed = time.perf_counter() - start
    loop.close()
    assert count == n, count
    return elapsed


WORKLOADS = {"chain": chain, "batch": batch}

if __name__ == "__main__":
    command_line(__file__, WORKLOADS, N)
