# wait(): bad arguments raise when awaited; cancelling the waiting task cancels none of the futures (generator style in TS).
import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name


async def attempt(label, make):
    try:
        await make()
    except Exception as e:
        print(label, type(e).__name__)


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(work("t", 0.01))
    await attempt("empty", lambda: asyncio.wait([]))
    await attempt("single future", lambda: asyncio.wait(t))
    await attempt("return_when", lambda: asyncio.wait([t], return_when="NEVER"))
    coro = work("never", 0)
    await attempt("coroutine inside", lambda: asyncio.wait([coro]))
    coro.close()
    lazy = asyncio.wait([])
    print("nothing raised before await")
    await attempt("lazy", lambda: lazy)

    waiter = asyncio.create_task(asyncio.wait([t]))
    await asyncio.sleep(0)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("waiter cancelled", "t running" if not t.done() else "t done")
    print("result", await t)


asyncio.run(main())
