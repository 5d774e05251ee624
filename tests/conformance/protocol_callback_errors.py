# A protocol callback that raises: the exception handler gets it with the transport and the protocol, the connection closes with it (connection_lost(exc)), the server goes on; a factory that raises (reported only in debug mode on a server).
import asyncio

server_log = []


def handler(loop, context):
    keys = sorted(k for k in context if k in ("exception", "message", "protocol", "transport"))
    server_log.append(f"handler: {context['message']} {type(context['exception']).__name__} {keys}")


class Failing(asyncio.Protocol):
    def __init__(self, where, done):
        self.where = where
        self.done = done

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        if self.where == "data":
            raise ValueError("bad data")

    def eof_received(self):
        if self.where == "eof":
            raise KeyError("bad eof")

    def connection_lost(self, exc):
        server_log.append(f"{self.where}: connection_lost {type(exc).__name__} {exc} closing={self.transport.is_closing()}")
        self.done.set_result(None)


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.events = []

    def eof_received(self):
        self.events.append("eof_received")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc!r}")
        self.done.set_result(self.events)


def broken_factory():
    raise RuntimeError("no protocol for you")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    for where in ("data", "eof"):
        done = loop.create_future()
        server = await loop.create_server(lambda: Failing(where, done), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client_done = loop.create_future()
        transport, _ = await loop.create_connection(lambda: Client(client_done), "127.0.0.1", port)
        transport.write(b"hello")
        if where == "eof":
            transport.write_eof()
        await done
        print(where, "client:", await client_done)
        server.close()
        await server.wait_closed()
    for line in server_log:
        print(line)
    server_log.clear()

    server = await loop.create_server(broken_factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client_done = loop.create_future()
    transport, _ = await loop.create_connection(lambda: Client(client_done), "127.0.0.1", port)
    print("factory client:", await client_done)
    print("server serving:", server.is_serving())
    server.close()
    await server.wait_closed()
    print("handler calls without debug:", server_log)
    try:
        await loop.create_connection(broken_factory, "127.0.0.1", port)
    except ConnectionRefusedError:
        print("create_connection: refused")
    server = await loop.create_server(asyncio.Protocol, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await loop.create_connection(broken_factory, "127.0.0.1", port)
    except RuntimeError as error:
        print("create_connection factory:", type(error).__name__, error)
    server.close()
    await server.wait_closed()


asyncio.run(main())
