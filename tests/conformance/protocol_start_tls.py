# loop.start_tls() with protocols on both sides: the protocol is not connected again, data after the upgrade arrives in the same protocol through the new transport, and closing the new transport ends the connection.
import asyncio
import pathlib
import ssl

FIXTURES = pathlib.Path(__file__).parent.parent / "fixtures"
server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
server_ctx.load_cert_chain(FIXTURES / "tls_localhost_cert.pem", FIXTURES / "tls_localhost_key.pem")
client_ctx = ssl.create_default_context(cafile=FIXTURES / "tls_ca.pem")

log = []


class Server(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.made = 0

    def connection_made(self, transport):
        self.made += 1
        self.transport = transport

    def data_received(self, data):
        log.append(f"server data {data!r}")
        if data == b"STARTTLS":
            # Nothing more is read as plain data: the client's handshake follows the reply.
            self.transport.pause_reading()
            self.transport.write(b"OK")
            asyncio.ensure_future(self.upgrade())
        else:
            # The data may come before start_tls() has returned the new transport.
            self.upgraded.add_done_callback(lambda upgraded: upgraded.result().write(data.upper()))

    async def upgrade(self):
        loop = asyncio.get_running_loop()
        self.upgraded = loop.create_future()
        tls = await loop.start_tls(self.transport, self, server_ctx, server_side=True)
        self.upgraded.set_result(tls)

    def connection_lost(self, exc):
        log.append(f"server connection_lost {exc!r}, connection_made called {self.made} time(s)")
        self.done.set_result(None)


class Client(asyncio.Protocol):
    def __init__(self, replies, done):
        self.replies = replies
        self.done = done
        self.made = 0

    def connection_made(self, transport):
        self.made += 1

    def data_received(self, data):
        self.replies.put_nowait(data)

    def connection_lost(self, exc):
        log.append(f"client connection_lost {exc!r}, connection_made called {self.made} time(s)")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server_done = loop.create_future()
    server = await loop.create_server(lambda: Server(server_done), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    replies = asyncio.Queue()
    client_done = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: Client(replies, client_done), "127.0.0.1", port)
    transport.write(b"STARTTLS")
    print("reply:", await replies.get())
    tls = await loop.start_tls(transport, protocol, client_ctx, server_hostname="localhost")
    print("new transport:", tls is not transport, "over TLS:", tls.get_extra_info("sslcontext") is not None)
    tls.write(b"hello")
    print("reply:", await replies.get())
    tls.close()
    print("closing:", tls.is_closing())
    await client_done
    await server_done
    server.close()
    await server.wait_closed()
    for line in sorted(log):
        print(line)


asyncio.run(main())
