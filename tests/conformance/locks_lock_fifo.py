# Lock: waiters take the lock in FIFO order, one per release; a newcomer queues behind the waiters; release of an unlocked lock is RuntimeError.
import asyncio


async def main():
    lock = asyncio.Lock()
    result = []
    print("acquire", await lock.acquire(), "locked", lock.locked())

    async def c(n):
        if await lock.acquire():
            result.append(str(n))
        return True

    t1 = asyncio.create_task(c(1))
    t2 = asyncio.create_task(c(2))
    await asyncio.sleep(0)
    print("result", ",".join(result))
    lock.release()
    await asyncio.sleep(0)
    print("result", ",".join(result))
    await asyncio.sleep(0)
    print("result", ",".join(result))
    t3 = asyncio.create_task(c(3))
    lock.release()
    await asyncio.sleep(0)
    print("result", ",".join(result))
    lock.release()
    await asyncio.sleep(0)
    print("result", ",".join(result))
    print("done", all(t.done() and t.result() for t in (t1, t2, t3)))
    lock.release()
    print("locked", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print(type(e).__name__, e)


asyncio.run(main())
