# Lock: a waiter cancelled before or after release() woke it never takes the lock and never makes the next waiter miss it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()

    async def lockit(name, blocker):
        await lock.acquire()
        print(name, "has the lock")
        try:
            if blocker is not None:
                await blocker
        finally:
            lock.release()
            print(name, "released")

    fa = loop.create_future()
    ta = asyncio.create_task(lockit("A", fa))
    await asyncio.sleep(0)
    tb = asyncio.create_task(lockit("B", None))
    tc = asyncio.create_task(lockit("C", None))
    await asyncio.sleep(0)
    print("waiters", len(lock._waiters))
    fa.set_result(None)
    tb.cancel()
    await asyncio.sleep(0)
    print("locked", lock.locked(), "A done", ta.done(), "B cancelled", tb.cancelled())
    await tc
    print("waiters", len(lock._waiters))

    # cancel_release_race: cancel the first waiter and release in one callback
    count = 0
    async def counter():
        nonlocal count
        await lock.acquire()
        count += 1

    await lock.acquire()
    t1 = asyncio.create_task(counter())
    t2 = asyncio.create_task(counter())
    t3 = asyncio.create_task(counter())
    await asyncio.sleep(0)

    def trigger():
        t1.cancel()
        lock.release()

    loop.call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        print("t1 cancelled")
    print("taken", count, "t2 done", t2.done(), "t3 done", t3.done())
    t3.cancel()
    await asyncio.sleep(0)
    print("t3 cancelled", t3.cancelled(), "locked", lock.locked())

    # finished waiter cancelled: release, then cancel the woken waiter
    lock = asyncio.Lock()
    await lock.acquire()
    tb = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    tc = asyncio.create_task(lock.acquire())
    tb.cancel()
    lock.release()
    await asyncio.sleep(0)
    print("locked", lock.locked(), "tb cancelled", tb.cancelled())
    print("tc", await tc)


asyncio.run(main())
