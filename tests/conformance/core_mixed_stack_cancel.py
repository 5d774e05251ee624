# Cancellation through a mixed stack (async -> generator -> async -> sleep): the middle generator catches it and goes on.
import asyncio


async def bottom(label):
    # async style in the TS port
    try:
        await asyncio.sleep(0.05)
        return label + " slept"
    finally:
        print("bottom finally", label)


async def gen_middle():
    # generator style in the TS port
    try:
        v = await bottom("first")
        print("gen_middle got (wrong)", v)
    except asyncio.CancelledError:
        print("gen_middle caught cancel, calling bottom again")
        asyncio.current_task().uncancel()
    v = await bottom("second")
    return "gen_middle:" + v


async def top():
    # async style in the TS port
    v = await gen_middle()
    print("top got", v)
    return v


async def main():
    t = asyncio.create_task(top())
    await asyncio.sleep(0.02)
    t.cancel()
    print("result", await t, "cancelling", t.cancelling())


asyncio.run(main())
