# Cancellation unwinds inline-awaited coroutines innermost first; a finally block may still await.
import asyncio


async def level3():
    try:
        print("level3 sleeping")
        await asyncio.sleep(10)
    finally:
        print("level3 finally")


async def level2():
    try:
        await level3()
    finally:
        print("level2 finally, cleaning up")
        await asyncio.sleep(0.01)
        print("level2 cleanup done")


async def level1():
    try:
        await level2()
    except asyncio.CancelledError:
        print("level1 saw CancelledError")
        raise


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(level1())
    await asyncio.sleep(0)
    t.cancel()
    tk = asyncio.create_task(ticker())
    try:
        await t
    except asyncio.CancelledError:
        print("main: task cancelled", "yes" if t.cancelled() else "no")
    await tk


asyncio.run(main())
