# Cancelling a task that awaits an inner task only cancels the inner one; if the inner swallows it, the outer goes on.
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("inner swallowed cancel", repr(e.args[0]) if e.args else "''")
    return "inner value"


async def outer():
    t = asyncio.create_task(inner(), name="inner")
    v = await t
    print("outer got", v, "and keeps going")
    await asyncio.sleep(0.01)
    print("outer finished")
    return "outer value"


async def main():
    o = asyncio.create_task(outer(), name="outer")
    await asyncio.sleep(0.01)
    print("cancel outer", "yes" if o.cancel("please stop") else "no", "cancelling", o.cancelling())
    print("result", await o, "cancelled", "yes" if o.cancelled() else "no", "cancelling", o.cancelling())


asyncio.run(main())
