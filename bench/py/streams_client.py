"""CPython's asyncio client that drives every server of the stream
benchmarks (bench/streams_bench.ts) and the line-echo test
(tests/streams_cpython_test.ts).

Usage: python3 streams_client.py echo <port> <connections> <lines>
       python3 streams_client.py bulk <port> <bytes>
       python3 streams_client.py idle <port> <connections>

- echo: each connection sends <lines> lines (one write and one drain() a
  line, then the end of stream) while it reads the echo back, line by line,
  and checks every byte; prints {"ms", "bytes"}.
- bulk: one connection reads until the server closes it; prints {"ms",
  "bytes", "mb_per_s"} (1 MB = 10^6 bytes). Fails unless <bytes> came.
- idle: opens <connections> connections that send nothing, prints
  {"open": n}, waits for a line on stdin, closes them, prints {"closed": n}."""

import asyncio
import json
import resource
import sys
import time

HOST = "127.0.0.1"
CONNECT_BATCH = 100


def echo_line(connection: int, index: int) -> bytes:
    """Line `index` of `connection`: `connection:index:` and 0 to 99 x's, then a newline."""
    filler = b"x" * ((connection * 7 + index * 13) % 100)
    return b"%d:%d:%s\n" % (connection, index, filler)


async def echo_connection(port: int, connection: int, lines: int) -> int:
    reader, writer = await asyncio.open_connection(HOST, port)

    async def send() -> None:
        for index in range(lines):
            writer.write(echo_line(connection, index))
            await writer.drain()
        writer.write_eof()

    sender = asyncio.create_task(send())
    received = 0
    for index in range(lines):
        expected = echo_line(connection, index)
        line = await reader.readline()
        if line != expected:
            raise SystemExit(f"connection {connection}, line {index}: got {line!r}, expected {expected!r}")
        received += len(line)
    rest = await reader.read()
    if rest:
        raise SystemExit(f"connection {connection}: {len(rest)} bytes past the last line")
    await sender
    writer.close()
    await writer.wait_closed()
    return received


async def echo(port: int, connections: int, lines: int) -> dict:
    start = time.perf_counter()
    received = await asyncio.gather(*(echo_connection(port, c, lines) for c in range(connections)))
    return {"ms": round((time.perf_counter() - start) * 1000, 3), "bytes": sum(received)}


class Counting(asyncio.BufferedProtocol):
    """Counts what arrives, received straight into one buffer."""

    def __init__(self, done: asyncio.Future) -> None:
        self.buffer = bytearray(1024 * 1024)
        self.received = 0
        self.done = done

    def get_buffer(self, sizehint: int) -> bytearray:
        return self.buffer

    def buffer_updated(self, nbytes: int) -> None:
        self.received += nbytes

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc) -> None:
        if not self.done.done():
            self.done.set_result(None)


async def bulk(port: int, expected: int) -> dict:
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    start = time.perf_counter()
    _, protocol = await loop.create_connection(lambda: Counting(done), HOST, port)
    await done
    seconds = time.perf_counter() - start
    if protocol.received != expected:
        raise SystemExit(f"bulk: received {protocol.received} bytes, expected {expected}")
    return {
        "ms": round(seconds * 1000, 3),
        "bytes": protocol.received,
        "mb_per_s": round(protocol.received / seconds / 1e6, 1),
    }


async def idle(port: int, connections: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < connections + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, connections + 100), hard))
    writers = []
    for first in range(0, connections, CONNECT_BATCH):
        count = min(CONNECT_BATCH, connections - first)
        opened = await asyncio.gather(*(asyncio.open_connection(HOST, port) for _ in range(count)))
        writers.extend(writer for _, writer in opened)
    print(json.dumps({"open": len(writers)}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for writer in writers:
        writer.close()
    await asyncio.gather(*(writer.wait_closed() for writer in writers), return_exceptions=True)
    print(json.dumps({"closed": len(writers)}), flush=True)


def main(argv: list[str]) -> None:
    mode, port = argv[0], int(argv[1])
    if mode == "echo":
        result = asyncio.run(echo(port, int(argv[2]), int(argv[3])))
    elif mode == "bulk":
        result = asyncio.run(bulk(port, int(argv[2])))
    elif mode == "idle":
        asyncio.run(idle(port, int(argv[2])))
        return
    else:
        raise SystemExit(f"streams_client.py: mode must be echo, bulk or idle, got {mode!r}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
