# requires: 3.13
# shutdown(immediate=True) drops the queued items, counts each as done (releasing join), and wakes waiting getters and putters with QueueShutDown.
import asyncio


async def waiter(name, aw):
    try:
        result = await aw
        print(name, "returned", result)
    except asyncio.QueueShutDown as e:
        print(name, type(e).__name__)


async def main():
    q = asyncio.Queue()
    q.put_nowait("a")
    q.put_nowait("b")
    q.put_nowait("c")
    join_task = asyncio.create_task(waiter("join", q.join()))
    print("took", await q.get())
    q.shutdown(immediate=True)
    print("qsize", q.qsize(), "empty", "yes" if q.empty() else "no")
    await asyncio.sleep(0)
    print("join done", "yes" if join_task.done() else "no")
    q.task_done()
    await asyncio.sleep(0)
    print("join done", "yes" if join_task.done() else "no")
    try:
        q.task_done()
    except ValueError as e:
        print(type(e).__name__)

    q = asyncio.PriorityQueue(1)
    getters_q = asyncio.LifoQueue()
    q.put_nowait(5)
    tasks = [
        asyncio.create_task(waiter("put", q.put(1))),
        asyncio.create_task(waiter("get", getters_q.get())),
        asyncio.create_task(waiter("join", q.join())),
    ]
    await asyncio.sleep(0)
    q.shutdown(immediate=True)
    getters_q.shutdown(immediate=True)
    await asyncio.gather(*tasks)
    try:
        q.get_nowait()
    except asyncio.QueueShutDown:
        print("get_nowait QueueShutDown")


asyncio.run(main())
