# pause_writing and resume_writing at the water marks: a client writes more than the socket takes while the server has paused reading.
import asyncio

SIZE = 32 * 1024 * 1024


class Slow(asyncio.Protocol):
    def __init__(self, connected, done):
        self.connected = connected
        self.done = done
        self.total = 0

    def connection_made(self, transport):
        self.transport = transport
        transport.pause_reading()
        self.connected.set_result(self)

    def data_received(self, data):
        self.total += len(data)
        if self.total == SIZE:
            self.done.set_result(self.total)


class Writer(asyncio.Protocol):
    def __init__(self):
        self.events = []

    def connection_made(self, transport):
        self.transport = transport

    def pause_writing(self):
        self.events.append("pause_writing")
        print("client: pause_writing, buffered over high:", self.transport.get_write_buffer_size() > 64 * 1024)

    def resume_writing(self):
        self.events.append("resume_writing")
        print("client: resume_writing, buffered at most low:", self.transport.get_write_buffer_size() <= 16 * 1024)


async def main():
    loop = asyncio.get_running_loop()
    connected = loop.create_future()
    done = loop.create_future()
    server = await loop.create_server(lambda: Slow(connected, done), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, protocol = await loop.create_connection(Writer, "127.0.0.1", port)
    print("limits:", transport.get_write_buffer_limits())
    transport.set_write_buffer_limits(high=64 * 1024)
    print("limits:", transport.get_write_buffer_limits())
    slow = await connected
    print("server: is_reading", slow.transport.is_reading())
    transport.write(b"x" * SIZE)
    print("after write: events", protocol.events)
    await asyncio.sleep(0.05)
    print("still paused:", protocol.events)
    slow.transport.resume_reading()
    print("server: is_reading", slow.transport.is_reading())
    print("server received:", await done)
    print("events:", protocol.events, "buffer:", transport.get_write_buffer_size())
    for high, low in ((100, None), (None, 10), (10, 2)):
        transport.set_write_buffer_limits(high=high, low=low)
        print("limits:", transport.get_write_buffer_limits())
    try:
        transport.set_write_buffer_limits(high=1, low=2)
    except ValueError as error:
        print("ValueError:", error)
    transport.close()
    slow.transport.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
