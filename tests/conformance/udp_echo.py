# UDP through create_datagram_endpoint: an echo server, a client with remote_addr, connection_made and connection_lost in order, sendto checks, get_extra_info.
import asyncio

log = []


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport
        log.append("server: connection_made")

    def datagram_received(self, data, addr):
        log.append(f"server: datagram_received {data!r} from {type(addr).__name__} of {len(addr)}")
        self.transport.sendto(data.upper(), addr)

    def connection_lost(self, exc):
        log.append(f"server: connection_lost {exc!r}")
        server_done.set_result(None)


class Client(asyncio.DatagramProtocol):
    def __init__(self, replies, done):
        self.replies = replies
        self.done = done

    def connection_made(self, transport):
        log.append(f"client: connection_made peername is remote: {transport.get_extra_info('peername') == remote}")

    def datagram_received(self, data, addr):
        self.replies.put_nowait((data, addr == remote))

    def error_received(self, exc):
        log.append(f"client: error_received {type(exc).__name__}")

    def connection_lost(self, exc):
        log.append(f"client: connection_lost {exc!r}")
        self.done.set_result(None)


async def main():
    global remote, server_done
    loop = asyncio.get_running_loop()
    server_done = loop.create_future()
    server, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
    remote = server.get_extra_info("sockname")
    print("server sockname:", type(remote).__name__, remote[0])
    replies = asyncio.Queue()
    done = loop.create_future()
    client, _ = await loop.create_datagram_endpoint(lambda: Client(replies, done), remote_addr=remote)
    for word in (b"one", b"two", b"three"):
        client.sendto(word)
        print("reply:", await replies.get())
    client.sendto(b"four", remote)
    print("reply:", await replies.get())
    client.sendto(b"")
    try:
        client.sendto(b"x", ("127.0.0.1", 9))
    except ValueError as error:
        print("ValueError:", str(error).split(":")[0])
    try:
        client.sendto("text")
    except TypeError:
        print("TypeError for str")
    print("buffer:", client.get_write_buffer_size(), "closing:", client.is_closing())
    client.close()
    print("closing:", client.is_closing())
    await done
    client.sendto(b"dropped")
    server.close()
    await server_done
    for line in log:
        print(line)
    try:
        await loop.create_datagram_endpoint(asyncio.DatagramProtocol)
    except ValueError as error:
        print("no address:", error)


asyncio.run(main())
