# TCP streams: an echo server, write_eof, the server waits for its connections, an error in a client callback.
import asyncio


async def handle(reader, writer):
    async for line in reader:
        writer.write(line.upper())
        await writer.drain()
    print("server: client finished")
    writer.close()
    await writer.wait_closed()


async def failing(reader, writer):
    await reader.readline()
    raise ValueError("bad request")


def handler(loop, context):
    print("handler:", context["message"], type(context["exception"]).__name__)


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("serving", server.is_serving(), len(server.sockets))
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print("peer", writer.get_extra_info("peername") == ("127.0.0.1", port))
    for word in (b"hello", b"world"):
        writer.write(word + b"\n")
        await writer.drain()
        print("echo", await reader.readline())
    server.close()
    print("serving", server.is_serving(), len(server.sockets))
    closing = asyncio.create_task(server.wait_closed())
    await asyncio.sleep(0.05)
    print("server closed while a client is connected:", closing.done())
    writer.write(b"last\n")
    writer.write_eof()
    print("echo", await reader.read())
    print("at_eof", reader.at_eof())
    writer.close()
    await writer.wait_closed()
    await closing
    print("server closed")

    server = await asyncio.start_server(failing, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET\n")
    print("after the error the server hung up:", await reader.read())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("refused")


asyncio.run(main())
