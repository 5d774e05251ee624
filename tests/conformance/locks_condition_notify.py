# Condition: notify(), notify(2), notify_all() wake waiters in FIFO order; each returns from wait() only once it holds the lock again.
import asyncio


async def main():
    cond = asyncio.Condition()
    result = []

    async def c(n):
        await cond.acquire()
        if await cond.wait():
            result.append(str(n))
        cond_locked = cond.locked()
        return cond_locked

    tasks = [asyncio.create_task(c(i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", cond.locked())
    print("acquire", await cond.acquire())
    cond.notify()
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", cond.locked())
    cond.notify(2)
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", cond.locked())
    cond.release()
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", cond.locked())
    print("all held the lock", all(t.result() for t in tasks))
    cond.release()

    result.clear()
    tasks = [asyncio.create_task(c(i)) for i in (4, 5, 6)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        cond.notify(0)
        print("notified all, result", ",".join(result))
    for _ in range(3):
        await asyncio.sleep(0)
        print("result", ",".join(result))
        if cond.locked():
            cond.release()
    await asyncio.gather(*tasks)
    try:
        cond.notify()
    except RuntimeError as e:
        print(type(e).__name__, e)
    try:
        await cond.wait()
    except RuntimeError as e:
        print(type(e).__name__, e)


asyncio.run(main())
