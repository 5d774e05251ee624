# Condition.wait_for(predicate): checks first, waits between checks, returns the truthy result; a shared Lock serves two conditions.
import asyncio


async def main():
    cond = asyncio.Condition()
    presult = 0
    checks = []

    def predicate():
        checks.append(str(presult))
        return presult

    async def c():
        await cond.acquire()
        value = await cond.wait_for(predicate)
        print("wait_for returned", value, "locked", cond.locked())
        cond.release()
        return value

    t = asyncio.create_task(c())
    await asyncio.sleep(0)
    print("checks", ",".join(checks))
    for value in (0, 7):
        presult = value
        await cond.acquire()
        cond.notify()
        cond.release()
        await asyncio.sleep(0)
        print("checks", ",".join(checks), "done", t.done())
    print("result", await t)
    print("immediate", ",".join(str(x) for x in await cond.wait_for(lambda: [1, 2, 3])))
    try:
        await cond.wait_for(lambda: False)
    except RuntimeError as e:
        print(type(e).__name__, e)

    lock = asyncio.Lock()
    a = asyncio.Condition(lock)
    b = asyncio.Condition(lock)
    items = []

    async def consumer(cond, name):
        async with cond:
            await cond.wait_for(lambda: name in items)
            print(name, "consumed; lock held", lock.locked())

    ta = asyncio.create_task(consumer(a, "a"))
    tb = asyncio.create_task(consumer(b, "b"))
    await asyncio.sleep(0)
    async with lock:
        items.append("b")
        b.notify()
        print("b notified; a waiters", len(a._waiters), "b waiters", len(b._waiters))
    await tb
    async with a:
        items.append("a")
        a.notify_all()
    await ta
    print("locked", lock.locked(), a.locked(), b.locked())


asyncio.run(main())
