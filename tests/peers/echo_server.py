# The TCP echo server of asyncio's documentation (Transports and Protocols,
# "TCP Echo Server"), listening on a free port it prints first.
import asyncio
import sys


class EchoServerProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        peername = transport.get_extra_info('peername')
        print('Connection from {}'.format(peername[0]), flush=True)
        self.transport = transport

    def data_received(self, data):
        message = data.decode()
        print('Data received: {!r}'.format(message), flush=True)

        print('Send: {!r}'.format(message), flush=True)
        self.transport.write(data)

        print('Close the client socket', flush=True)
        self.transport.close()


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServerProtocol, '127.0.0.1', 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        # Serves one client here, then stops (the documentation serves forever).
        await asyncio.wait_for(server.serve_forever(), float(sys.argv[1]) if len(sys.argv) > 1 else 10)


try:
    asyncio.run(main())
except TimeoutError:
    pass
