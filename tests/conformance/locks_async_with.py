# async with on Lock/Semaphore/Condition releases on every exit: normal, error, cancellation inside the body, and cancellation while waiting to enter.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(1)
    cond = asyncio.Condition()

    for name, prim in (("lock", lock), ("sem", sem), ("cond", cond)):
        async with prim as value:
            print(name, "inside, value", value, "locked", prim.locked())
        print(name, "after, locked", prim.locked())
        try:
            async with prim:
                raise KeyError("oops")
        except KeyError:
            print(name, "error passed through, locked", prim.locked())

    async def holder(name, prim, delay):
        try:
            async with prim:
                print(name, "entered")
                await asyncio.sleep(delay)
                print(name, "leaving")
        except asyncio.CancelledError:
            print(name, "cancelled; locked", prim.locked())
            raise

    for prim in (lock, sem):
        a = asyncio.create_task(holder("a", prim, 0.02))
        b = asyncio.create_task(holder("b", prim, 0.01))
        c = asyncio.create_task(holder("c", prim, 0.01))
        await asyncio.sleep(0.01)
        b.cancel()  # waiting to enter
        await asyncio.sleep(0)
        a.cancel()  # inside the body
        await asyncio.gather(a, b, c, return_exceptions=True)
        print("locked at end", prim.locked())

    await lock.acquire()
    task = asyncio.create_task(lock.acquire())
    loop.call_soon(task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        print("acquire cancelled, waiters", len(lock._waiters))
    lock.release()
    print("locked", lock.locked())


asyncio.run(main())
