# join() waits until task_done() was called for every item; workers finish in order; task_done() too often raises ValueError.
import asyncio


async def worker(q, name, results):
    while True:
        item = await q.get()
        await asyncio.sleep(item / 100)
        results.append(f"{name}:{item}")
        print(name, "done", item)
        q.task_done()


async def main():
    q = asyncio.Queue()
    print("join on an empty queue returns at once")
    await q.join()
    results = []
    for item in (3, 1, 5, 2, 4):
        q.put_nowait(item)
    workers = [asyncio.create_task(worker(q, f"w{i}", results)) for i in range(2)]
    await q.join()
    print("joined:", ",".join(results))
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    q2 = asyncio.Queue()
    q2.put_nowait("x")
    q2.get_nowait()
    q2.task_done()
    try:
        q2.task_done()
    except ValueError as e:
        print(type(e).__name__, e)
    # two joiners, released together
    q2.put_nowait("y")
    async def joiner(name):
        await q2.join()
        print(name, "released")
    joiners = [asyncio.create_task(joiner(f"j{i}")) for i in range(2)]
    await asyncio.sleep(0)
    print("taken", q2.get_nowait())
    q2.task_done()
    print("after task_done")
    await asyncio.gather(*joiners)


asyncio.run(main())
