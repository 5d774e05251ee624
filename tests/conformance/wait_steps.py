# as_completed() and wait(): how many loop iterations pass between a task finishing and the waiter resuming (async style in TS).
import asyncio

log = []


async def ticker(n):
    for i in range(n):
        log.append(f"tick{i}")
        await asyncio.sleep(0)


async def quick(name, steps):
    for _ in range(steps):
        await asyncio.sleep(0)
    log.append(f"{name} done")
    return name


async def main():
    t = asyncio.create_task(ticker(12))
    for f in asyncio.as_completed([quick("a", 1), quick("b", 4)]):
        log.append("got " + await f)
    await t
    print(" ".join(log))
    log.clear()

    t = asyncio.create_task(ticker(8))
    a = asyncio.create_task(quick("a", 2))
    done, _ = await asyncio.wait([a])
    log.append("wait returned")
    await asyncio.wait_for(quick("w", 1), 1)
    log.append("wait_for returned")
    s = asyncio.shield(quick("s", 1))
    log.append("shield " + await s)
    await t
    print(" ".join(log))


asyncio.run(main())
