# BufferedProtocol: the transport asks for a buffer with get_buffer(-1), copies into it, and reports with buffer_updated; an empty buffer is an error.
import asyncio

PAYLOAD = bytes(range(256)) * 64


class Into(asyncio.BufferedProtocol):
    def __init__(self, done, size):
        self.done = done
        self.buffer = bytearray(size)
        self.received = bytearray()
        self.hints = set()
        self.largest = 0

    def get_buffer(self, sizehint):
        self.hints.add(sizehint)
        return self.buffer

    def buffer_updated(self, nbytes):
        self.largest = max(self.largest, nbytes)
        self.received += self.buffer[:nbytes]

    def eof_received(self):
        print("eof_received after", len(self.received), "bytes; intact:", self.received == PAYLOAD)
        print("size hints:", self.hints, "each at most the buffer:", self.largest <= len(self.buffer))

    def connection_lost(self, exc):
        self.done.set_result(exc)


class Empty(asyncio.BufferedProtocol):
    def __init__(self, done):
        self.done = done

    def get_buffer(self, sizehint):
        return bytearray()

    def buffer_updated(self, nbytes):
        print("never")

    def connection_lost(self, exc):
        self.done.set_result(exc)


def handler(loop, context):
    print("handler:", context["message"], type(context["exception"]).__name__, context["exception"])


async def send(port, data):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    done = loop.create_future()
    server = await loop.create_server(lambda: Into(done, 1000), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await send(port, PAYLOAD)
    print("connection_lost:", await done)
    server.close()
    await server.wait_closed()

    done = loop.create_future()
    server = await loop.create_server(lambda: Empty(done), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await send(port, b"x")
    error = await done
    print("connection_lost:", type(error).__name__, error)
    server.close()
    await server.wait_closed()


asyncio.run(main())
