# Calling a coroutine function runs nothing; the body starts only when awaited or wrapped in a task, and only once.
import asyncio


async def work(name):
    print("work body starts", name)
    await asyncio.sleep(0)
    print("work body ends", name)
    return name.upper()


async def main():
    c = work("a")
    print("coroutine a created")
    await asyncio.sleep(0)
    print("after a loop iteration, a still idle")
    print("awaited a ->", await c)
    try:
        await c
    except RuntimeError:
        print("second await of a: RuntimeError")
    c2 = work("b")
    print("coroutine b created")
    t = asyncio.create_task(c2)
    print("task for b created")
    await asyncio.sleep(0)
    print("main after one iteration")
    print("awaited task b ->", await t)
    c3 = work("never")
    c3.close()  # Python needs this to stay quiet; the TS port just drops it
    print("main done")


asyncio.run(main())
