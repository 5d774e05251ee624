# wait(): ALL_COMPLETED by default, duplicates counted once, results and errors left in the tasks.
import asyncio


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    print("finished", name)
    if fail:
        raise ValueError(name)
    return name


async def main():
    a = asyncio.create_task(work("a", 0.02))
    b = asyncio.create_task(work("b", 0.01, fail=True))
    c = asyncio.create_task(work("c", 0.03))
    done, pending = await asyncio.wait([a, b, c, a])
    print("done", len(done), "pending", len(pending))
    for t in (a, b, c):
        exc = t.exception()
        print("task", "error" if exc else "result",
              type(exc).__name__ if exc else t.result())
    # from a generator of tasks, and a set
    tasks = (asyncio.create_task(work(n, d)) for n, d in (("x", 0.01), ("y", 0.02)))
    done, pending = await asyncio.wait(tasks)
    print("generator", ",".join(sorted(t.result() for t in done)), len(pending))
    # futures that are already done still take a trip through the loop
    f = asyncio.get_running_loop().create_future()
    f.set_result("ready")
    ticks = []

    async def ticker():
        for i in range(4):
            ticks.append(str(i))
            await asyncio.sleep(0)

    t = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    done, _ = await asyncio.wait({f})
    print("ready after ticks", ",".join(ticks), len(done))
    await t


asyncio.run(main())
