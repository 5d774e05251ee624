"""communicate() of a large input through `cat`, with CPython's asyncio:
the parent's side of the subprocess pipe benchmark (bench/streams_bench.ts).

Usage: python3 streams_communicate.py <bytes>; prints {"ms", "cpu_s"}: the
wall time and the CPU time of this process, from the spawn to the child's
exit. Fails unless every byte came back."""

import asyncio
import json
import sys
import time


async def main(size: int) -> dict:
    data = bytes(range(256)) * (size // 256)
    cpu = time.process_time()
    start = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        "cat", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate(data)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    if out != data:
        raise SystemExit(f"communicate: {len(out)} bytes came back, not the {len(data)} sent")
    return {"ms": round(seconds * 1000, 3), "cpu_s": round(cpu, 3)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(int(sys.argv[1])))))
