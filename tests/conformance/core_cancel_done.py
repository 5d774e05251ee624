# cancel() returns False on a finished, failed or already cancelled task, True on a pending one even twice.
import asyncio


async def quick():
    return 1


async def failing():
    raise ValueError("bad")


async def main():
    a = asyncio.create_task(quick())
    b = asyncio.create_task(failing())
    c = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("finished", "yes" if a.cancel() else "no", "result", a.result())
    print("failed", "yes" if b.cancel() else "no", "exception", type(b.exception()).__name__)
    print("pending first", "yes" if c.cancel() else "no")
    print("pending second", "yes" if c.cancel() else "no")
    await asyncio.sleep(0)
    print("after cancelled", "yes" if c.cancel() else "no", "cancelled", "yes" if c.cancelled() else "no")
    f = asyncio.get_running_loop().create_future()
    print("future first", "yes" if f.cancel() else "no", "second", "yes" if f.cancel() else "no")


asyncio.run(main())
