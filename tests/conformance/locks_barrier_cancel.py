# Barrier: a task cancelled while filling leaves n_waiting consistent and the barrier trips with a replacement; cancelling a released task while draining.
import asyncio


async def main():
    barrier = asyncio.Barrier(3)
    results = []

    async def coro(name):
        try:
            i = await barrier.wait()
            results.append(f"{name}:{i}")
        except asyncio.CancelledError:
            results.append(f"{name}:cancelled")
            raise

    t1 = asyncio.create_task(coro("t1"))
    await asyncio.sleep(0)
    t2 = asyncio.create_task(coro("t2"))
    await asyncio.sleep(0)
    print("n_waiting", barrier.n_waiting)
    t1.cancel()
    await asyncio.sleep(0)
    print("n_waiting after cancel", barrier.n_waiting)
    try:
        await t1
    except asyncio.CancelledError:
        print("t1 cancelled", t1.cancelled())
    t3 = asyncio.create_task(coro("t3"))
    await asyncio.sleep(0)
    print("n_waiting", barrier.n_waiting)
    t4 = asyncio.create_task(coro("t4"))
    await asyncio.gather(t2, t3, t4)
    print(" ".join(results))
    print("n_waiting", barrier.n_waiting, "broken", barrier.broken)

    # a released task cancelled before it runs: it still leaves the barrier
    results.clear()
    tasks = [asyncio.create_task(coro(f"d{i}")) for i in range(3)]
    await asyncio.sleep(0)
    tasks[0].cancel()
    res = await asyncio.gather(*tasks, return_exceptions=True)
    print(" ".join(results))
    print("outcomes", ",".join("cancelled" if isinstance(r, asyncio.CancelledError) else "ok" for r in res))
    print("count", barrier._count, "n_waiting", barrier.n_waiting, "filling" in repr(barrier))
    again = [asyncio.create_task(coro(f"e{i}")) for i in range(3)]
    await asyncio.gather(*again)
    print(" ".join(results))


asyncio.run(main())
