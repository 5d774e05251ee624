# Condition: a waiter cancelled while waiting, after notify, or while re-acquiring still holds the lock when CancelledError reaches it; other waiters are not skipped.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cond = asyncio.Condition()

    # cancelled while waiting: it re-acquires, then raises
    await cond.acquire()
    wait = asyncio.create_task(cond.wait())
    loop.call_soon(wait.cancel)
    try:
        await wait
    except asyncio.CancelledError:
        print("wait cancelled, waiters", len(cond._waiters), "locked", cond.locked())
    cond.release()

    # notified, lock contested, then cancelled: the wait completes normally
    await cond.acquire()
    wait_task = asyncio.create_task(cond.wait())
    await asyncio.sleep(0)
    print("while waiting, locked", cond.locked())
    await cond.acquire()
    cond.notify()
    loop.call_soon(wait_task.cancel)
    loop.call_soon(cond.release)
    try:
        print("wait returned", await wait_task)
    except asyncio.CancelledError:
        print("wait cancelled")
    print("locked", cond.locked())
    cond.release()

    # cancelled after notify, while blocked re-acquiring the lock
    async def wait_on_cond(name):
        try:
            async with cond:
                print(name, "waiting")
                await cond.wait()
                print(name, "woke with the lock", cond.locked())
        except asyncio.CancelledError:
            print(name, "cancelled; lock is", "held" if cond.locked() else "free")
            raise

    waiter = asyncio.create_task(wait_on_cond("w1"))
    other = asyncio.create_task(wait_on_cond("w2"))
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify(2)
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.sleep(0)
    print("releasing")
    cond.release()
    await asyncio.sleep(0)
    print("w1 cancelled", waiter.cancelled(), "w2 done", other.done())
    await other
    print("locked at end", cond.locked())


asyncio.run(main())
