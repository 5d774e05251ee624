# Barrier: arrival indices, n_waiting while filling, draining state seen by the released tasks, waiting twice, async with.
import asyncio


async def main():
    N = 4
    barrier = asyncio.Barrier(N)
    print("parties", barrier.parties, "n_waiting", barrier.n_waiting, "broken", barrier.broken)
    log = []

    async def coro(name):
        async with barrier as i:
            log.append(f"{name}:{i}:{'draining' in repr(barrier)}")
            async with barrier as j:
                log.append(f"{name}:{j}")

    tasks = []
    for k in range(N):
        tasks.append(asyncio.create_task(coro(f"t{k}")))
        await asyncio.sleep(0)
        print("n_waiting", barrier.n_waiting)
    await asyncio.gather(*tasks)
    print(" ".join(log))
    print("n_waiting", barrier.n_waiting, "broken", barrier.broken, "filling" in repr(barrier))

    one = asyncio.Barrier(1)
    t1 = asyncio.create_task(one.wait())
    await asyncio.sleep(0)
    t2 = asyncio.create_task(one.wait())
    await asyncio.sleep(0)
    print("barrier(1)", t1.result(), t2.result(), one.n_waiting)

    # indices follow arrival order, results come back in wake-up order
    b3 = asyncio.Barrier(3)
    async def arrive(name, delay):
        await asyncio.sleep(delay)
        i = await b3.wait()
        print(name, "index", i)
        return i
    res = await asyncio.gather(arrive("slow", 0.03), arrive("fast", 0.01), arrive("mid", 0.02))
    print("results", ",".join(map(str, res)))


asyncio.run(main())
