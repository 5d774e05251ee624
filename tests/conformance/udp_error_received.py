# UDP error_received: a datagram too large for UDP (EMSGSIZE) and a send to port 0 (EINVAL) each reach error_received as an OSError, and the endpoint goes on sending and receiving.
import asyncio

log = []


class Endpoint(asyncio.DatagramProtocol):
    def __init__(self, received):
        self.received = received

    def datagram_received(self, data, addr):
        log.append(f"datagram_received {data!r}")
        self.received.set_result(None)

    def error_received(self, exc):
        log.append(f"error_received {type(exc).__name__} errno={exc.errno} strerror={exc.strerror}")


async def main():
    loop = asyncio.get_running_loop()
    received = loop.create_future()
    transport, _ = await loop.create_datagram_endpoint(
        lambda: Endpoint(received), local_addr=("127.0.0.1", 0))
    me = transport.get_extra_info("sockname")
    transport.sendto(bytes(70000), me)
    transport.sendto(b"to port 0", ("127.0.0.1", 0))
    await asyncio.sleep(0.1)
    print("closing after errors:", transport.is_closing())
    transport.sendto(b"still open", me)
    await received
    for line in log:
        print(line)
    transport.close()


asyncio.run(main())
