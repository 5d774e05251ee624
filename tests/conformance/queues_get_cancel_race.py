# A getter cancelled after a put woke it does not lose the item: the next getter in line gets it.
import asyncio


async def getter(q, name):
    try:
        item = await q.get()
        print(name, "got", item)
    except asyncio.CancelledError:
        print(name, "cancelled, qsize", q.qsize())
        raise


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(getter(q, f"g{i}")) for i in range(1, 4)]
    await asyncio.sleep(0)
    q.put_nowait("a")
    tasks[0].cancel()
    await asyncio.sleep(0)
    print("after step: qsize", q.qsize())
    await asyncio.sleep(0)
    print("g1 cancelled", "yes" if tasks[0].cancelled() else "no")
    print("g2 done", "yes" if tasks[1].done() else "no", "g3 done", "yes" if tasks[2].done() else "no")
    # a getter cancelled while waiting (not woken) just leaves the line
    tasks[2].cancel()
    await asyncio.sleep(0)
    q.put_nowait("b")
    print("qsize after put b", q.qsize())
    t4 = asyncio.create_task(getter(q, "g4"))
    await t4


asyncio.run(main())
