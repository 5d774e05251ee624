# Producers and consumers through a bounded Queue: the interleaving of puts and gets (why getters/putters wait), with sleep(0) hand-offs.
import asyncio


async def main():
    q = asyncio.Queue(1)
    log = []

    async def producer(name, items):
        for i in items:
            await q.put(i)
            log.append(f"{name}+{i}")

    async def consumer(name, n):
        for _ in range(n):
            item = await q.get()
            log.append(f"{name}-{item}")
            q.task_done()

    await asyncio.gather(
        producer("P", range(5)), consumer("C", 5),
    )
    print(" ".join(log))

    log.clear()
    q = asyncio.Queue(2)
    await asyncio.gather(
        producer("P1", (1, 2, 3)), producer("P2", (10, 20, 30)),
        consumer("C1", 3), consumer("C2", 3),
    )
    print(" ".join(log))

    log.clear()
    q = asyncio.Queue(2)

    async def getter():
        await asyncio.sleep(0)
        for _ in range(q.qsize()):
            log.append(f"G-{q.get_nowait()}")

    await asyncio.gather(getter(), *(producer(f"P{i}", (i,)) for i in range(4)))
    print(" ".join(log), "qsize", q.qsize())


asyncio.run(main())
