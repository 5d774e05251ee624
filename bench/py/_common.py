"""Shared by every bench/py script: timing a workload on a fresh event loop,
the command line and the JSON line each script prints, and a server mode
that runs workloads on request (so `deno bench` times the workload, not the
interpreter's startup).

A script defines `WORKLOADS`, a dict from variant name to a function that
takes `n` and returns the seconds its run took, and ends with
`command_line(__file__, WORKLOADS, N)`."""

import asyncio
import gc
import importlib
import json
import os
import sys
import time


def timed(main, expect=None):
    """The workload that runs `main(n)` as the main coroutine of a fresh
    event loop and returns how long that took, in seconds. With `expect`,
    `main(n)`'s result must equal `expect(n)`."""

    def workload(n: int) -> float:
        loop = asyncio.new_event_loop()
        start = time.perf_counter()
        result = loop.run_until_complete(main(n))
        elapsed = time.perf_counter() - start
        loop.close()
        if expect is not None and result != expect(n):
            raise SystemExit(f"{main.__module__}: wrong total {result}")
        return elapsed

    return workload


def sum_below(n: int) -> int:
    """0 + 1 + ... + (n - 1): the total of the workloads that sum their indexes."""
    return n * (n - 1) // 2


def command_line(path: str, workloads: dict, default_n: int) -> None:
    """`script.py [variant] [n]`: runs one variant once, prints its timing."""
    argv = sys.argv[1:]
    name = argv[0] if argv else next(iter(workloads))
    n = int(argv[1]) if len(argv) > 1 else default_n
    if name not in workloads:
        sys.exit(f"{os.path.basename(path)}: variant must be one of {', '.join(workloads)}")
    seconds = workloads[name](n)
    print(json.dumps({
        "script": os.path.basename(path),
        "variant": name,
        "n": n,
        "ms": round(seconds * 1000, 3),
    }))


def serve() -> None:
    """Reads `module variant n` lines on stdin, runs that workload, answers
    with its JSON line; exits at end of input."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        module_name, variant, n = parts[0], parts[1], int(parts[2])
        module = importlib.import_module(module_name)
        gc.collect()
        seconds = module.WORKLOADS[variant](n)
        sys.stdout.write(json.dumps({"variant": variant, "n": n, "ms": round(seconds * 1000, 3)}))
        sys.stdout.write("\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
