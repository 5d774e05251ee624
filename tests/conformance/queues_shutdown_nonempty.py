# requires: 3.13
# shutdown() of a full queue: waiting putters raise QueueShutDown, queued items can still be taken, then gets raise; join() waits for task_done().
import asyncio


async def putter(q, name, item):
    try:
        await q.put(item)
        print(name, "put (wrong)")
    except asyncio.QueueShutDown as e:
        print(name, type(e).__name__)


async def joiner(q):
    await q.join()
    print("join returned")


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait("a")
    q.put_nowait("b")
    join_task = asyncio.create_task(joiner(q))
    putters = [asyncio.create_task(putter(q, f"p{i}", i)) for i in range(2)]
    await asyncio.sleep(0)
    print("putters done", "yes" if putters[0].done() else "no")
    q.shutdown(immediate=False)
    print("qsize", q.qsize())
    await asyncio.sleep(0)
    print("putters done", "yes" if all(p.done() for p in putters) else "no")
    print("got", await q.get())
    print("got", q.get_nowait())
    try:
        await q.get()
    except asyncio.QueueShutDown:
        print("get on shut-down empty queue: QueueShutDown")
    await asyncio.sleep(0)
    print("join done", "yes" if join_task.done() else "no")
    q.task_done()
    print("one task done")
    await asyncio.sleep(0)
    print("join done", "yes" if join_task.done() else "no")
    q.task_done()
    await join_task
    try:
        q.task_done()
    except ValueError as e:
        print(type(e).__name__)
    # a getter waiting on a shut-down queue that still has items is not woken with an error
    q2 = asyncio.Queue()
    results = []
    async def getter(name):
        try:
            results.append(f"{name}={await q2.get()}")
        except asyncio.QueueShutDown:
            results.append(f"{name}=shutdown")
    gs = [asyncio.create_task(getter(f"g{i}")) for i in range(3)]
    await asyncio.sleep(0)
    q2.put_nowait("x")
    q2.shutdown()
    await asyncio.gather(*gs)
    print(",".join(results))


asyncio.run(main())
