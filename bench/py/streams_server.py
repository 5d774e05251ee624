"""CPython's asyncio streams server for the stream benchmarks, the same as
bench/streams_server.ts serves with this library and with plain Deno.

Usage: python3 streams_server.py echo | bulk <bytes>

- echo: each connection's lines are written back, one write and one
  drain() a line, until the client's end of stream; then the server closes.
- bulk: each connection is sent <bytes> in 64 KiB writes, each followed by
  drain(), then closed.

It prints {"port": N} once listening on 127.0.0.1. On stdin, "stats"
collects garbage and answers {"connections": N}, the connections being
served (before a memory reading); the end of stdin stops the server."""

import asyncio
import gc
import json
import os
import sys

CHUNK = 64 * 1024
connections = 0


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    global connections
    connections += 1
    try:
        async for line in reader:
            writer.write(line)
            await writer.drain()
        writer.close()
    finally:
        connections -= 1


def bulk(total: int):
    async def send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        chunk = bytes(CHUNK)
        for _ in range(total // CHUNK):
            writer.write(chunk)
            await writer.drain()
        writer.close()

    return send


async def main(argv: list[str]) -> None:
    handler = echo if argv[0] == "echo" else bulk(int(argv[1]))
    server = await asyncio.start_server(handler, "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    print(json.dumps({"port": port}), flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.create_future()

    def on_stdin() -> None:
        data = os.read(0, 1024)
        if not data:
            loop.remove_reader(0)
            stdin_closed.set_result(None)
            return
        for _ in data.decode().split():
            gc.collect()
            print(json.dumps({"connections": connections}), flush=True)

    loop.add_reader(0, on_stdin)
    await stdin_closed
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
