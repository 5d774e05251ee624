# A task made from an already awaited coroutine is created fine; the RuntimeError comes out of the task.
import asyncio


async def work():
    return "once"


async def main():
    c = work()
    print("first await", await c)
    try:
        t = asyncio.create_task(c)
        print("create_task accepted the used coroutine")
    except RuntimeError:
        print("create_task raised RuntimeError")
        return
    try:
        await t
    except RuntimeError:
        print("awaiting the task raised RuntimeError")
    print("task done", "yes" if t.done() else "no", "exception", type(t.exception()).__name__)


asyncio.run(main())
