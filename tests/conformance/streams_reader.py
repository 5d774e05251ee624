# A StreamReader fed by hand: each read method, the end of the stream, the limit, one waiter at a time.
import asyncio


async def main():
    r = asyncio.StreamReader(limit=8)
    r.feed_data(b"line one\nab")
    print(await r.readline())
    print(await r.read(1), await r.readexactly(1))
    r.feed_data(b"x--y--z")
    print(await r.readuntil(b"--"), await r.readuntil(b"--"))
    print(repr(r))
    print(await r.read(1))

    waiter = asyncio.create_task(r.readexactly(4))
    await asyncio.sleep(0)
    try:
        await r.read(1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    r.feed_data(b"123")
    r.feed_eof()
    try:
        await waiter
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError:", e, e.partial, e.expected)
    print(await r.read(), r.at_eof())

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"0123456789\nok\n")
    try:
        await r.readuntil(b"\n")
    except asyncio.LimitOverrunError as e:
        print("LimitOverrunError:", e, e.consumed)
    try:
        await r.readline()
    except ValueError as e:
        print("ValueError:", e)
    print(await r.readline())
    r.feed_data(b"abcdefgh")
    try:
        await r.readuntil(b"!")
    except asyncio.LimitOverrunError as e:
        print("LimitOverrunError:", e, e.consumed)
    print(await r.read(8))
    r.feed_data(b"xy")
    r.feed_eof()
    try:
        await r.readuntil(b"!")
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError:", e, e.partial, e.expected)

    r = asyncio.StreamReader()
    r.feed_data(b"a\nb\n\nc")
    r.feed_eof()
    print([line async for line in r])
    r.set_exception(ConnectionError("reset"))
    try:
        await r.read(1)
    except ConnectionError as e:
        print("ConnectionError:", e)


asyncio.run(main())
