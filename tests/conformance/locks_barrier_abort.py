# Barrier.abort(): waiting and later tasks raise BrokenBarrierError; an error inside `async with barrier` then abort; abort, then reset and reuse.
import asyncio

N = 5


async def main():
    barrier = asyncio.Barrier(1)
    await barrier.abort()
    print("aborted idle: n_waiting", barrier.n_waiting, "broken", barrier.broken, repr(barrier).endswith("[broken]>"))

    barrier = asyncio.Barrier(N)
    log = []
    count = 0

    async def coro(name):
        nonlocal count
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            log.append(f"{name}:broken1")
        else:
            count += 1
            if count > N // 2:
                log.append(f"{name}:abort")
                await barrier.abort()
            else:
                try:
                    await barrier.wait()
                except asyncio.BrokenBarrierError:
                    log.append(f"{name}:broken2")

    await asyncio.gather(*(coro(f"t{i}") for i in range(N)))
    print(" ".join(log), "| broken", barrier.broken, "n_waiting", barrier.n_waiting)

    barrier = asyncio.Barrier(N)
    log = []

    async def with_error(name):
        try:
            async with barrier as i:
                if i == N // 2:
                    raise RuntimeError("boom")
            async with barrier:
                log.append(f"{name}:passed")
        except asyncio.BrokenBarrierError:
            log.append(f"{name}:broken")
        except RuntimeError as e:
            log.append(f"{name}:{e}")
            await barrier.abort()

    await asyncio.gather(*(with_error(f"e{i}") for i in range(N)))
    print(" ".join(log), "| broken", barrier.broken)

    barrier1 = asyncio.Barrier(N)
    barrier2 = asyncio.Barrier(N)
    log = []

    async def abort_then_reset(name):
        try:
            i = await barrier1.wait()
            if i == N // 2:
                raise RuntimeError
            await barrier1.wait()
            log.append(f"{name}:passed")
        except asyncio.BrokenBarrierError:
            log.append(f"{name}:broken")
        except RuntimeError:
            log.append(f"{name}:abort")
            await barrier1.abort()
        i = await barrier2.wait()
        if i == N // 2:
            log.append(f"{name}:reset")
            await barrier1.reset()
        await barrier2.wait()
        k = await barrier1.wait()
        log.append(f"{name}:{k}")

    await asyncio.gather(*(abort_then_reset(f"r{i}") for i in range(N)))
    print(" ".join(log), "| broken", barrier1.broken, "n_waiting", barrier1.n_waiting)


asyncio.run(main())
