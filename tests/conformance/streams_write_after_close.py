# Writing after close, as CPython 3.12: drain() right after close() raises ConnectionResetError('Connection lost'); write() after close is dropped quietly (writelines() too, where CPython 3.12.1 fails: see porting.md); write_eof() after close does nothing; wait_closed() returns; a transport's write after abort is dropped.
import asyncio


server_reads = []


async def handle(reader, writer):
    data = await reader.read()
    server_reads.append(len(data))
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"abc")
    writer.close()
    print("is_closing:", writer.is_closing())
    try:
        await writer.drain()
        print("drain returned")
    except ConnectionResetError as error:
        print("drain:", type(error).__name__, error)
    writer.write(b"dropped")
    writer.write_eof()
    print("writes after close: no error")
    try:
        await writer.drain()
        print("drain returned")
    except ConnectionResetError as error:
        print("drain again:", type(error).__name__, error)
    await writer.wait_closed()
    print("wait_closed returned")
    try:
        writer.write("text")
    except TypeError:
        print("write of str after close: TypeError")

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.transport.abort()
    writer.write(b"after abort")
    print("after abort: buffer", writer.transport.get_write_buffer_size(), "closing", writer.is_closing())
    try:
        await writer.drain()
        print("drain returned")
    except ConnectionResetError as error:
        print("drain after abort:", type(error).__name__, error)
    await writer.wait_closed()

    server.close()
    await server.wait_closed()
    print("server read:", server_reads)


asyncio.run(main())
