# Queue(1): a putter cancelled after a get woke it passes the free slot to the next putter; a putter cancelled while waiting puts nothing.
import asyncio


async def putter(q, name, item):
    try:
        await q.put(item)
        print(name, "put", item)
    except asyncio.CancelledError:
        print(name, "cancelled, qsize", q.qsize())
        raise


async def main():
    q = asyncio.Queue(1)
    q.put_nowait("first")
    p1 = asyncio.create_task(putter(q, "p1", "one"))
    p2 = asyncio.create_task(putter(q, "p2", "two"))
    p3 = asyncio.create_task(putter(q, "p3", "three"))
    await asyncio.sleep(0)
    print("got", q.get_nowait())
    p1.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("items:", q.get_nowait(), "qsize", q.qsize())
    p3.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("qsize after p3 cancelled", q.qsize(), "unfinished", q._unfinished_tasks)
    print("p3 cancelled", "yes" if p3.cancelled() else "no")


asyncio.run(main())
