# Waiting getters are woken in FIFO order, one per put; each gets the item its put made available.
import asyncio


async def getter(q, name):
    print(name, "waiting")
    item = await q.get()
    print(name, "got", item)


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(getter(q, f"g{i}")) for i in range(3)]
    await asyncio.sleep(0)
    for item in ("a", "b", "c"):
        q.put_nowait(item)
        print("put", item, "qsize", q.qsize())
    await asyncio.sleep(0)
    print("after one step, qsize", q.qsize())
    await asyncio.gather(*tasks)
    q.put_nowait("x")
    q.put_nowait("y")
    t = asyncio.create_task(getter(q, "late"))
    print("late getter takes without waiting:", await q.get())
    await t


asyncio.run(main())
