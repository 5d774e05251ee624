"""Shared by the bench/py/core_*.py scripts: the command line and the
JSON line each prints, and a server mode that runs workloads on request
(so `deno bench` times the workload, not the interpreter's startup)."""

import gc
import importlib
import json
import os
import sys


def report(path: str, workloads: dict, default_n: int, argv: list) -> None:
    """`script.py [variant] [n]`: runs one variant once, prints its timing."""
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
