# Barrier.reset(): waiting tasks raise BrokenBarrierError, tasks still draining pass, and the barrier can be used again (CPython's reset scenarios).
import asyncio

N = 5


async def main():
    barrier = asyncio.Barrier(1)
    await barrier.reset()
    print("reset idle: n_waiting", barrier.n_waiting, "broken", barrier.broken)

    barrier = asyncio.Barrier(N)
    log = []

    async def waiter(name):
        try:
            await barrier.wait()
            log.append(f"{name}:passed")
        except asyncio.BrokenBarrierError as e:
            log.append(f"{name}:{type(e).__name__}")

    tasks = [asyncio.create_task(waiter(f"w{i}")) for i in range(N - 1)]
    await asyncio.sleep(0)
    asyncio.create_task(barrier.reset())
    await asyncio.gather(*tasks)
    print(" ".join(log), "| resetting" if "resetting" in repr(barrier) else "| filling")

    # half draining: the first released task resets while others still drain
    barrier = asyncio.Barrier(N)
    log = []
    rest = N // 2

    async def half(name):
        try:
            i = await barrier.wait()
            log.append(f"{name}:{i}")
        except asyncio.BrokenBarrierError:
            log.append(f"{name}:broken")
        else:
            if rest == barrier._count:
                log.append(f"{name}:reset")
                await barrier.reset()

    await asyncio.gather(*(half(f"h{i}") for i in range(N)))
    print(" ".join(log), barrier.n_waiting, "resetting" in repr(barrier))

    # waiting again after a reset, completed by a late task
    barrier = asyncio.Barrier(N)
    log = []

    async def coro1(name):
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            log.append(f"{name}:broken")
        finally:
            i = await barrier.wait()
            log.append(f"{name}:again{i}")

    async def coro2():
        async with barrier as i:
            log.append(f"late:{i}")

    tasks = [asyncio.create_task(coro1(f"c{i}")) for i in range(N - 1)]
    asyncio.create_task(barrier.reset())
    await asyncio.sleep(0)
    asyncio.create_task(coro2())
    await asyncio.gather(*tasks)
    await asyncio.sleep(0)
    print(" ".join(log), barrier.n_waiting, barrier.broken)

    # reset while the tasks are draining: the drained tasks wait again normally
    barrier = asyncio.Barrier(N)
    log = []
    count = 0

    async def draining(name):
        nonlocal count
        await barrier.wait()
        count += 1
        if count == N:
            log.append(f"{name}:reset")
            await barrier.reset()
            await barrier.wait()
        else:
            try:
                await barrier.wait()
                log.append(f"{name}:second")
            except Exception as e:
                log.append(f"{name}:{type(e).__name__}")
        k = await barrier.wait()
        log.append(f"{name}:last{k}")

    await asyncio.gather(*(draining(f"d{i}") for i in range(N)))
    print(" ".join(log), barrier.n_waiting, barrier.broken)


asyncio.run(main())
