# q.put() does nothing until scheduled: three ensure_future(q.put(n)), then get() returns them in order.
import asyncio


async def main():
    q = asyncio.Queue()
    coro = q.put(0)
    print("after calling put, qsize", q.qsize())
    coro.close()
    for n in (1, 2, 3):
        asyncio.ensure_future(q.put(n))
    print("after ensure_future, qsize", q.qsize())
    for _ in range(3):
        print("got", await q.get())
    print("empty", "yes" if q.empty() else "no", "full", "yes" if q.full() else "no")


asyncio.run(main())
