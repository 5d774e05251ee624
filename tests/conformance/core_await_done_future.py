# Awaiting an already done future or task continues in the same step (no loop iteration), in both coroutine styles.
import asyncio


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def quick():
    return "quick"


async def async_style(fut, task):
    print("async: before awaits")
    a = await fut
    b = await task
    print("async: got", a, b, "without yielding")
    await asyncio.sleep(0)
    print("async: after a real yield")


async def gen_style(fut, task):
    # generator style in the TS port
    print("gen: before awaits")
    a = await fut
    b = await task
    print("gen: got", a, b, "without yielding")
    await asyncio.sleep(0)
    print("gen: after a real yield")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("fut")
    task = asyncio.create_task(quick())
    await task
    tk = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    await async_style(fut, task)
    await gen_style(fut, task)
    await tk


asyncio.run(main())
