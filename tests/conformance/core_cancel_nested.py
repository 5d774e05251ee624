# Cancelling an outer task that awaits an inner task cancels the inner one first, then the outer sees CancelledError.
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise
    finally:
        print("inner finally")


async def middle():
    try:
        await inner_coro_wrapper()
    finally:
        print("middle finally")


async def inner_coro_wrapper():
    t = asyncio.create_task(inner(), name="inner")
    holder.append(t)
    try:
        return await t
    except asyncio.CancelledError:
        print("wrapper saw cancel, inner cancelled:", "yes" if t.cancelled() else "no")
        raise


holder = []


async def main():
    outer = asyncio.create_task(middle(), name="outer")
    await asyncio.sleep(0.01)
    inner_task = holder[0]
    print("cancel outer")
    outer.cancel()
    print("inner done yet", "yes" if inner_task.done() else "no")
    try:
        await outer
    except asyncio.CancelledError:
        print("main saw outer cancelled")
    print("outer cancelled", "yes" if outer.cancelled() else "no",
          "inner cancelled", "yes" if inner_task.cancelled() else "no")


asyncio.run(main())
