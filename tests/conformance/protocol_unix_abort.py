# Protocols over a Unix socket (create_unix_server, create_unix_connection), pause_reading/resume_reading/is_reading, get_protocol, and abort(): buffered data dropped, connection_lost(None), the peer sees the end.
import asyncio
import os
import tempfile

log = []


class Server(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = b""

    def connection_made(self, transport):
        self.transport = transport
        log.append(f"server: connection_made sockname is str: {isinstance(transport.get_extra_info('sockname'), str)}")

    def data_received(self, data):
        self.received += data
        if self.received.endswith(b"\n"):
            self.transport.write(b"got " + self.received)
            self.received = b""

    def eof_received(self):
        log.append("server: eof_received")

    def connection_lost(self, exc):
        log.append(f"server: connection_lost {exc!r}")
        self.done.set_result(None)


class Client(asyncio.Protocol):
    def __init__(self, replies, done):
        self.replies = replies
        self.done = done

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.replies.put_nowait(data)

    def connection_lost(self, exc):
        log.append(f"client: connection_lost {exc!r}")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    path = os.path.join(tempfile.mkdtemp(), "protocol.sock")
    server_done = loop.create_future()
    server = await loop.create_unix_server(lambda: Server(server_done), path)
    replies = asyncio.Queue()
    client_done = loop.create_future()
    transport, protocol = await loop.create_unix_connection(lambda: Client(replies, client_done), path)
    print("get_protocol is protocol:", transport.get_protocol() is protocol)
    transport.write(b"one\n")
    print("reply:", await replies.get())
    transport.pause_reading()
    print("is_reading:", transport.is_reading())
    transport.write(b"two\n")
    await asyncio.sleep(0.05)
    print("while paused, replies waiting:", replies.qsize())
    transport.resume_reading()
    print("is_reading:", transport.is_reading())
    print("reply:", await replies.get())
    transport.set_write_buffer_limits(high=0)
    transport.abort()
    print("after abort: closing", transport.is_closing(), "buffer", transport.get_write_buffer_size(), "is_reading", transport.is_reading())
    transport.abort()
    transport.close()
    await client_done
    await server_done
    server.close()
    await server.wait_closed()
    for line in sorted(log):
        print(line)
    os.unlink(path)
    os.rmdir(os.path.dirname(path))


asyncio.run(main())
