# Semaphore: waiters cancelled before or after being woken give their slot to the next waiter; no hang, no double wake-up; BoundedSemaphore over-release is ValueError.
import asyncio


async def main():
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(sem.acquire()) for _ in range(4)]
    await asyncio.sleep(0)
    ts[0].cancel()
    ts[1].cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("done", ",".join(str(t.done()) for t in ts), "value", sem._value)
    ts[3].cancel()
    await asyncio.sleep(0)
    print("locked", sem.locked(), "value", sem._value)

    # woken, then cancelled: the slot goes to the next waiter
    sem = asyncio.Semaphore(0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    sem.release()
    t1.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("t1 cancelled", t1.cancelled(), "t2 done", t2.done(), "locked", sem.locked(), "value", sem._value)

    # the acquire_no_hang case
    sem = asyncio.Semaphore(1)
    async def c1():
        async with sem:
            await asyncio.sleep(0)
        t_2.cancel()
    async def c2():
        async with sem:
            print("c2 got in (wrong)")
    t_1 = asyncio.create_task(c1())
    t_2 = asyncio.create_task(c2())
    r1, r2 = await asyncio.gather(t_1, t_2, return_exceptions=True)
    print("r1", r1, "r2", type(r2).__name__)
    print("acquire after", await sem.acquire(), "value", sem._value)

    # fifo_order_3: cancelled first waiter
    sem = asyncio.Semaphore(0)
    result = []
    async def c(n):
        await sem.acquire()
        result.append(str(n))
    ts = [asyncio.create_task(c(i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    ts[0].cancel()
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(*ts, return_exceptions=True)
    print("result", ",".join(result))

    bsem = asyncio.BoundedSemaphore(2)
    try:
        bsem.release()
    except ValueError as e:
        print(type(e).__name__, e)
    await bsem.acquire()
    bsem.release()
    async with bsem:
        print("inside, locked", bsem.locked(), "value", bsem._value)
    print("after, value", bsem._value)


asyncio.run(main())
