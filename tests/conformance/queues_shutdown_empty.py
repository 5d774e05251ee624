# requires: 3.13
# shutdown() of an empty queue: the waiting getters (FIFO) and later puts/gets raise QueueShutDown; join() returns.
import asyncio


async def getter(q, name):
    try:
        await q.get()
        print(name, "got an item (wrong)")
    except asyncio.QueueShutDown as e:
        print(name, type(e).__name__)


async def attempt(label, aw):
    try:
        await aw
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__)


def attempt_nowait(label, fn, *args):
    try:
        fn(*args)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__)


async def main():
    for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        print("--", cls.__name__)
        q = cls()
        tasks = [asyncio.create_task(getter(q, f"g{i}")) for i in range(2)]
        await asyncio.sleep(0)
        q.shutdown()
        print("qsize", q.qsize(), "getters done", "yes" if tasks[0].done() else "no")
        await q.join()
        print("joined")
        await asyncio.gather(*tasks)
        await attempt("put", q.put(1))
        attempt_nowait("put_nowait", q.put_nowait, 1)
        await attempt("get", q.get())
        attempt_nowait("get_nowait", q.get_nowait)
        q.shutdown()
        print("second shutdown ok")


asyncio.run(main())
