# Unix-socket streams: serve_forever until cancelled, `async with server`, a line over the limit.
import asyncio
import os
import shutil
import tempfile


async def greet(reader, writer):
    name = (await reader.readline()).strip()
    writer.write(b"hello " + name + b"\n")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def ask(path, name):
    reader, writer = await asyncio.open_unix_connection(path)
    writer.write(name + b"\n")
    print(await reader.read())
    writer.close()
    await writer.wait_closed()


def handler(loop, context):
    print("handler:", context["message"], type(context["exception"]).__name__)


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    directory = tempfile.mkdtemp()
    path = os.path.join(directory, "greet.sock")
    server = await asyncio.start_unix_server(greet, path, start_serving=False)
    print("serving before serve_forever:", server.is_serving())
    forever = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0)
    print("serving:", server.is_serving(), server.sockets[0].getsockname() == path)
    for name in (b"ada", b"bob"):
        await ask(path, name)
    forever.cancel()
    try:
        await forever
    except asyncio.CancelledError:
        print("serve_forever cancelled; serving:", server.is_serving())

    async with await asyncio.start_unix_server(greet, path, limit=4) as server:
        print("in async with:", server.is_serving())
        await ask(path, b"eve")
        await ask(path, b"alexandra")
    print("after async with:", server.is_serving())
    shutil.rmtree(directory)


asyncio.run(main())
