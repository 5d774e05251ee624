# OS errors under Python's names: a peer reset, a refused connection, a timeout, a finished process, a missing program.
import asyncio
import socket
import struct


def describe(what, error):
    bases = [base.__name__ for base in (ConnectionError, OSError) if isinstance(error, base)]
    print(what, type(error).__name__, bases, error.errno is not None, error.strerror is not None)


async def reset(reader, writer):
    await reader.readline()
    # SO_LINGER 0: closing sends a reset, not an end of stream.
    writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def main():
    server = await asyncio.start_server(reset, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"reset me\n")
    try:
        await reader.read()
    except ConnectionResetError as error:
        describe("read", error)
        print("strerror:", error.strerror)
    for what, aw in (("drain", writer.drain()), ("wait_closed", writer.wait_closed())):
        try:
            await aw
        except ConnectionResetError as error:
            describe(what, error)
    server.close()
    await server.wait_closed()

    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as error:
        describe("connect", error)

    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    except OSError as error:
        describe("wait_for", error)

    proc = await asyncio.create_subprocess_exec("true")
    await proc.wait()
    try:
        proc.kill()
    except ProcessLookupError as error:
        describe("kill", error)

    try:
        await asyncio.create_subprocess_exec("/nonexistent/program")
    except FileNotFoundError as error:
        describe("spawn", error)
        print("filename:", error.filename)


asyncio.run(main())
