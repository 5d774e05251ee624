# Protocol callbacks in CPython's order: connection_made, data_received, eof_received returning False (the transport closes), connection_lost(None).
import asyncio

server_log = []
client_log = []


class Upper(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        server_log.append(f"connection_made peername={type(transport.get_extra_info('peername')).__name__}")

    def data_received(self, data):
        server_log.append(f"data_received {data!r}")
        self.transport.write(data.upper())

    def eof_received(self):
        server_log.append(f"eof_received closing={self.transport.is_closing()}")
        return False

    def connection_lost(self, exc):
        server_log.append(f"connection_lost {exc!r} closing={self.transport.is_closing()}")
        server_done.set_result(None)


class Client(asyncio.Protocol):
    def __init__(self, replies):
        self.replies = replies

    def connection_made(self, transport):
        self.transport = transport
        client_log.append("connection_made")

    def data_received(self, data):
        client_log.append(f"data_received {data!r}")
        self.replies.put_nowait(data)

    def eof_received(self):
        client_log.append("eof_received")

    def connection_lost(self, exc):
        client_log.append(f"connection_lost {exc!r}")
        client_done.set_result(None)


async def main():
    global server_done, client_done
    loop = asyncio.get_running_loop()
    server_done = loop.create_future()
    client_done = loop.create_future()
    server = await loop.create_server(Upper, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    replies = asyncio.Queue()
    transport, protocol = await loop.create_connection(lambda: Client(replies), "127.0.0.1", port)
    print("after create_connection:", client_log, type(protocol).__name__, protocol.transport is transport)
    transport.write(b"hello")
    print("reply:", await replies.get())
    transport.writelines([b"one ", b"two"])
    got = b""
    while len(got) < 7:
        got += await replies.get()
    print("reply:", got)
    print("can_write_eof:", transport.can_write_eof())
    transport.write_eof()
    await server_done
    await client_done
    print("closing:", transport.is_closing())
    server.close()
    await server.wait_closed()
    for line in server_log:
        print("server:", line)
    for line in client_log:
        print("client:", line)


asyncio.run(main())
