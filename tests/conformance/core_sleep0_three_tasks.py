# sleep(0) round-robin of three tasks, with callbacks queued from task steps interleaving in FIFO order.
import asyncio


async def worker(name, n):
    loop = asyncio.get_running_loop()
    for i in range(n):
        print(name, "step", i)
        loop.call_soon(print, name, "callback", i)
        await asyncio.sleep(0)
    print(name, "done")
    return name + str(n)


async def main():
    tasks = [asyncio.create_task(worker(name, n)) for name, n in [("A", 3), ("B", 1), ("C", 2)]]
    print("main created")
    results = []
    for t in tasks:
        results.append(await t)
    print("results", ",".join(results))


asyncio.run(main())
