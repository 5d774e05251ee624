# ensure_future returns Futures and Tasks unchanged and wraps coroutines in Tasks; the is* predicates agree.
import asyncio


async def work():
    await asyncio.sleep(0)
    return "worked"


def yn(flag):
    return "yes" if flag else "no"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("future unchanged", yn(asyncio.ensure_future(fut) is fut))
    t = asyncio.create_task(work())
    print("task unchanged", yn(asyncio.ensure_future(t) is t))
    c = work()
    w = asyncio.ensure_future(c)
    print("coroutine wrapped in a task", yn(isinstance(w, asyncio.Task)), "get_coro is it", yn(w.get_coro() is c))
    print("isfuture", yn(asyncio.isfuture(fut)), yn(asyncio.isfuture(t)), yn(asyncio.isfuture(c)))
    c2 = work()
    print("iscoroutine", yn(asyncio.iscoroutine(c2)), yn(asyncio.iscoroutine(fut)))
    c2.close()
    print("iscoroutinefunction", yn(asyncio.iscoroutinefunction(work)), yn(asyncio.iscoroutinefunction(print)))
    try:
        asyncio.ensure_future(42)
    except TypeError:
        print("ensure_future(42): TypeError")
    fut.set_result("fut")
    print("results", await t, await w, await fut)


asyncio.run(main())
