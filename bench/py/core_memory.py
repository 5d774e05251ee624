"""Memory per sleeping task: 100,000 tasks each in `await asyncio.sleep(1000)`.
Mirrors bench/memory.ts. Measures the growth of Python-allocated memory
(tracemalloc, after gc.collect()) and of the process RSS, per task.

Usage: python3 core_memory.py [n]; prints one JSON line."""

import asyncio
import gc
import json
import resource
import sys
import tracemalloc

N = 100_000


def rss_bytes() -> int:
    """The resident set size (Linux); 0 where /proc is missing."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except OSError:
        return 0


async def sleeper() -> None:
    await asyncio.sleep(1000)


async def sleeping_tasks(n: int, measure) -> int:
    """Starts n sleeping tasks; returns how much `measure()` grew, after GC."""
    await asyncio.sleep(0)
    gc.collect()
    before = measure()
    tasks = [asyncio.create_task(sleeper()) for _ in range(n)]
    await asyncio.sleep(0)  # every task has started and is sleeping
    gc.collect()
    after = measure()
    sleeping = sum(1 for t in tasks if not t.done())
    assert sleeping == n, sleeping
    assert len(asyncio.get_running_loop()._scheduled) == n
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return after - before


def traced_bytes() -> int:
    return tracemalloc.get_traced_memory()[0]


async def main(n: int) -> dict:
    # RSS first, without tracemalloc (its own bookkeeping would inflate RSS).
    rss = await sleeping_tasks(n, rss_bytes)
    tracemalloc.start()
    traced = await sleeping_tasks(n, traced_bytes)
    tracemalloc.stop()
    return {
        "n": n,
        "bytes_per_task": round(traced / n, 1),
        "rss_bytes_per_task": round(rss / n, 1),
    }


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N
    result = asyncio.run(main(n))
    print(json.dumps({"script": "core_memory.py", "variant": "sleeping_tasks", **result}))
