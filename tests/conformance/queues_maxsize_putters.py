# Queue(2): putters block while full and are let in FIFO as a consumer takes items; full()/qsize() along the way.
import asyncio


async def putter(q, name, item):
    print(name, "putting", item)
    await q.put(item)
    print(name, "put", item, "qsize", q.qsize())


async def main():
    q = asyncio.Queue(2)
    print("maxsize", q.maxsize)
    tasks = [asyncio.create_task(putter(q, f"p{i}", i)) for i in range(5)]
    await asyncio.sleep(0)
    print("full", "yes" if q.full() else "no", "qsize", q.qsize())
    for _ in range(5):
        print("took", await q.get())
        await asyncio.sleep(0)
    await asyncio.gather(*tasks)
    print("empty", "yes" if q.empty() else "no")


asyncio.run(main())
