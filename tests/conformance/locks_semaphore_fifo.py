# Semaphore: acquire order is FIFO, including tasks that release and re-acquire; value and locked() along the way.
import asyncio


async def main():
    sem = asyncio.Semaphore(3)
    result = []
    print("acquire", await sem.acquire(), await sem.acquire(), "locked", sem.locked())

    async def c(n):
        await sem.acquire()
        result.append(str(n))
        return True

    tasks = [asyncio.create_task(c(i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", sem.locked(), "waiters", len(sem._waiters), "value", sem._value)
    t4 = asyncio.create_task(c(4))
    sem.release()
    sem.release()
    print("value", sem._value)
    await asyncio.sleep(0)
    print("result", ",".join(result), "locked", sem.locked(), "waiters", len(sem._waiters), "value", sem._value)
    sem.release()
    await asyncio.gather(*tasks, t4)
    print("result", ",".join(result))

    sem = asyncio.Semaphore(1)
    result = []

    async def coro(tag):
        for round in (1, 2):
            await sem.acquire()
            result.append(f"{tag}_{round}")
            await asyncio.sleep(0.01)
            sem.release()

    await asyncio.gather(*(coro(t) for t in ("c1", "c2", "c3")))
    print("rounds", ",".join(result))

    sem = asyncio.Semaphore(1)
    result = []

    async def c2():
        await sem.acquire()
        result.append("2")
        sem.release()
        await sem.acquire()
        result.append("4")

    ts = [asyncio.create_task(c(1)), asyncio.create_task(c2()), asyncio.create_task(c(3))]
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    await asyncio.gather(*ts)
    print("fifo 2", ",".join(result))


asyncio.run(main())
