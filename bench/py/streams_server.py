"""CPython's asyncio streams server for the stream benchmarks, the same as
bench/streams_server.ts serves with this library and with plain Deno.

Usage: python3 streams_server.py echo | bulk <bytes>

- echo: each connection's lines are written back, one write and one
  drain() a line, until the client's end of stream; then the server closes.
- bulk: each connection is sent <bytes> in 64 KiB writes, each followed by
  drain(), then closed.

With ASYNCIO_BENCH_PROTOCOLS=1 it serves with protocols and
loop.create_server() instead: echo writes back what each data_received()
brings; bulk writes chunks until pause_writing() and goes on at
resume_writing().

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


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        global connections
        connections += 1
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def connection_lost(self, exc):
        global connections
        connections -= 1


class BulkProtocol(asyncio.Protocol):
    def __init__(self, total):
        self.total = total
        self.chunk = bytes(CHUNK)
        self.sent = 0
        self.paused = False

    def connection_made(self, transport):
        self.transport = transport
        self.send()

    def pause_writing(self):
        self.paused = True

    def resume_writing(self):
        self.paused = False
        self.send()

    def send(self):
        while not self.paused and self.sent + CHUNK <= self.total:
            self.sent += CHUNK
            self.transport.write(self.chunk)
        if self.sent + CHUNK > self.total:
            self.transport.close()


async def main(argv: list[str]) -> None:
    loop = asyncio.get_running_loop()
    if os.environ.get("ASYNCIO_BENCH_PROTOCOLS") == "1":
        factory = EchoProtocol if argv[0] == "echo" else (lambda: BulkProtocol(int(argv[1])))
        server = await loop.create_server(factory, "127.0.0.1", 0, backlog=4096)
    else:
        handler = echo if argv[0] == "echo" else bulk(int(argv[1]))
        server = await asyncio.start_server(handler, "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    print(json.dumps({"port": port}), flush=True)
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
