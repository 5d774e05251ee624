# eof_received returning True keeps the transport open for writing: the server answers after the client's end of stream, then closes.
import asyncio

server_log = []
client_log = []


class Summing(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.total = 0

    def data_received(self, data):
        self.total += len(data)

    def eof_received(self):
        server_log.append(f"server eof_received total={self.total} closing={self.transport.is_closing()}")
        self.transport.write(f"total {self.total}\n".encode())
        self.transport.close()
        server_log.append(f"server closed, closing={self.transport.is_closing()}")
        return True

    def connection_lost(self, exc):
        server_log.append(f"server connection_lost {exc!r}")


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = b""

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.received += data

    def eof_received(self):
        client_log.append(f"client eof_received received={self.received!r}")
        return True

    def connection_lost(self, exc):
        client_log.append(f"client connection_lost {exc!r} closing={self.transport.is_closing()}")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Summing, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: Client(done), "127.0.0.1", port)
    for _ in range(10):
        transport.write(b"x" * 1000)
    transport.write_eof()
    print("after write_eof: closing", transport.is_closing())
    try:
        transport.write(b"late")
    except RuntimeError as error:
        print("write after write_eof:", type(error).__name__, error)
    await asyncio.sleep(0.2)
    print("client still open:", not transport.is_closing())
    transport.close()
    await done
    server.close()
    await server.wait_closed()
    for line in server_log + client_log:
        print(line)


asyncio.run(main())
