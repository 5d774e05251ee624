# Cancelling generator-style tasks: the error is thrown in at the yield, can be caught, and unwinds nested frames.
import asyncio


async def gen_sleeper():
    # generator style in the TS port
    try:
        yield_point = await asyncio.sleep(10)
        print("gen_sleeper woke (wrong)", yield_point)
    except asyncio.CancelledError as e:
        print("gen_sleeper caught", repr(e.args[0]) if e.args else "''")
        await asyncio.sleep(0)
        print("gen_sleeper cleaned up")
        raise


async def async_inner():
    # async style in the TS port
    try:
        await asyncio.sleep(10)
    finally:
        print("async_inner finally")


async def gen_outer():
    # generator style in the TS port, awaiting an async coroutine inline
    try:
        await async_inner()
    except asyncio.CancelledError:
        print("gen_outer caught, returning normally")
    return "gen_outer survived"


async def main():
    a = asyncio.create_task(gen_sleeper())
    b = asyncio.create_task(gen_outer())
    await asyncio.sleep(0)
    a.cancel("bye")
    b.cancel()
    try:
        await a
    except asyncio.CancelledError:
        print("a cancelled", "yes" if a.cancelled() else "no")
    print("b result", await b, "cancelled", "yes" if b.cancelled() else "no")


asyncio.run(main())
