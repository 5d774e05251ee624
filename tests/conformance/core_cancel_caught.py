# A task may catch CancelledError and keep going; it then finishes normally and cancelling() still counts the request.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn caught cancel")
    print("stubborn continues")
    await asyncio.sleep(0.01)
    print("stubborn slept again")
    return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    print("cancelling after cancel", t.cancelling())
    result = await t
    print("result", result)
    print("cancelled", "yes" if t.cancelled() else "no", "cancelling", t.cancelling())


asyncio.run(main())
