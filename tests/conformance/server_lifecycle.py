# Server lifecycle, as 3.12.1: start_serving=False then start_serving(), is_serving, get_loop, close() keeps connections, wait_closed() waits for them, then returns at once; serve_forever on a closed server.
import asyncio

events = []


class Hold(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        events.append("server: connection_made")
        held.append(transport)

    def connection_lost(self, exc):
        events.append("server: connection_lost")


held = []


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Hold, "127.0.0.1", 0, start_serving=False)
    print("is_serving:", server.is_serving(), "get_loop is loop:", server.get_loop() is loop)
    await server.start_serving()
    print("is_serving:", server.is_serving())
    await server.start_serving()
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    while not held:
        await asyncio.sleep(0.01)
    server.close()
    print("after close: is_serving", server.is_serving(), "sockets", server.sockets)
    waiting = asyncio.ensure_future(server.wait_closed())
    await asyncio.sleep(0.05)
    print("wait_closed done while a connection is open:", waiting.done())
    held[0].close()
    await waiting
    print("wait_closed done:", waiting.done(), events)
    await server.wait_closed()
    print("wait_closed again returns at once")
    try:
        await server.serve_forever()
    except RuntimeError as error:
        print("serve_forever:", type(error).__name__, str(error).split(" is ")[1])
    transport.close()

    server = await loop.create_server(Hold, "127.0.0.1", 0)
    task = asyncio.ensure_future(server.serve_forever())
    await asyncio.sleep(0)
    print("serving forever:", server.is_serving())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("serve_forever cancelled: is_serving", server.is_serving())
    await server.wait_closed()
    async with await loop.create_server(Hold, "127.0.0.1", 0) as server:
        print("async with: is_serving", server.is_serving())
    print("after async with: is_serving", server.is_serving())


asyncio.run(main())
