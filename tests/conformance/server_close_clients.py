# requires: 3.13
# Server.close_clients() closes each accepted connection once its buffer is sent; abort_clients() drops it; wait_closed() then returns.
import asyncio


class Peer(asyncio.Protocol):
    def __init__(self, name, log, done):
        self.name = name
        self.log = log
        self.done = done
        self.received = 0

    def data_received(self, data):
        self.received += len(data)

    def eof_received(self):
        self.log.append(f"{self.name}: eof after {self.received} bytes")

    def connection_lost(self, exc):
        self.log.append(f"{self.name}: connection_lost {type(exc).__name__ if exc else None}")
        self.done.set_result(None)


class Greeter(asyncio.Protocol):
    def connection_made(self, transport):
        transport.write(b"hello " * 1000)


async def clients(loop, server, log, count):
    port = server.sockets[0].getsockname()[1]
    done = []
    for i in range(count):
        fut = loop.create_future()
        await loop.create_connection(lambda: Peer(f"client {i}", log, fut), "127.0.0.1", port)
        done.append(fut)
    return done


async def main():
    loop = asyncio.get_running_loop()
    for how in ("close_clients", "abort_clients"):
        log = []
        server = await loop.create_server(Greeter, "127.0.0.1", 0)
        done = await clients(loop, server, log, 2)
        await asyncio.sleep(0.05)
        server.close()
        getattr(server, how)()
        await server.wait_closed()
        await asyncio.gather(*done)
        print(how, sorted(log))


asyncio.run(main())
