# Event: set() wakes every waiter in the order they waited (after already-scheduled tasks); clear/set with waiters; a cancelled waiter leaves the list.
import asyncio


async def main():
    ev = asyncio.Event()
    print("is_set", ev.is_set())
    result = []

    async def c(n):
        if await ev.wait():
            result.append(str(n))
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    print("result", ",".join(result))
    t3 = asyncio.create_task(c(3))
    ev.set()
    await asyncio.sleep(0)
    print("result", ",".join(result))
    print("wait on set:", await ev.wait())

    ev = asyncio.Event()
    result.clear()
    t = asyncio.create_task(c(4))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    print("is_set", ev.is_set())
    ev.set()
    ev.set()
    print("waiters", len(ev._waiters))
    await asyncio.sleep(0)
    print("result", ",".join(result), "waiters", len(ev._waiters), "t", t.result())

    ev = asyncio.Event()
    w = asyncio.create_task(ev.wait())
    asyncio.get_running_loop().call_soon(w.cancel)
    try:
        await w
    except asyncio.CancelledError:
        print("waiter cancelled, waiters", len(ev._waiters))
    # a waiter cancelled after set() still finishes cancelled, others are woken
    w1 = asyncio.create_task(c(5))
    w2 = asyncio.create_task(c(6))
    await asyncio.sleep(0)
    ev.set()
    w1.cancel()
    await asyncio.gather(w1, w2, return_exceptions=True)
    print("w1 cancelled", w1.cancelled(), "result", ",".join(result))


asyncio.run(main())
