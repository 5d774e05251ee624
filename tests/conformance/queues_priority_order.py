# PriorityQueue gives the lowest first: numbers, strings, (priority, item) tuples compared item by item; LifoQueue gives the newest first.
import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for n in (5, 1, 4, 2, 3, -7, 10):
        await q.put(n)
    print("numbers", ",".join(str(q.get_nowait()) for _ in range(q.qsize())))
    q = asyncio.PriorityQueue()
    for s in ("pear", "apple", "fig", "banana", "Zebra", "apples"):
        q.put_nowait(s)
    print("strings", ",".join(q.get_nowait() for _ in range(q.qsize())))
    q = asyncio.PriorityQueue()
    for t in ((2, "b"), (1, "z"), (2, "a"), (1, "y", 0), (1, "y"), (3, "c")):
        q.put_nowait(t)
    out = []
    while not q.empty():
        out.append(":".join(str(x) for x in await q.get()))
    print("tuples", ",".join(out))
    lifo = asyncio.LifoQueue()
    for i in (1, 3, 2):
        await lifo.put(i)
    print("lifo", ",".join([str(await lifo.get()) for _ in range(3)]))
    # waiting getters of a PriorityQueue get the smallest item present when they run
    q = asyncio.PriorityQueue()
    async def getter(name):
        print(name, "got", await q.get())
    tasks = [asyncio.create_task(getter(f"g{i}")) for i in range(3)]
    await asyncio.sleep(0)
    for n in (30, 10, 20):
        q.put_nowait(n)
    await asyncio.gather(*tasks)


asyncio.run(main())
