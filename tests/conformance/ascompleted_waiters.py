# as_completed(): several tasks awaiting its coroutines, a cancelled waiter passes its turn on (generator style in TS).
import asyncio

log = []


async def sleeper(delay, name):
    await asyncio.sleep(delay)
    log.append(name + " finished")
    return name


async def consume(label, aw):
    try:
        value = await aw
        log.append(f"{label} got {value}")
    except asyncio.CancelledError:
        log.append(f"{label} cancelled")
        raise


async def main():
    futs = list(asyncio.as_completed([sleeper(0.01, "a"), sleeper(0.02, "b"), sleeper(0.03, "c")]))
    w1 = asyncio.create_task(consume("w1", futs[0]))
    w2 = asyncio.create_task(consume("w2", futs[1]))
    w3 = asyncio.create_task(consume("w3", futs[2]))
    await asyncio.sleep(0)
    w1.cancel()
    await asyncio.gather(w1, w2, w3, return_exceptions=True)
    print(" | ".join(log))
    log.clear()

    # cancelled just as its item arrives: the item goes to the next waiter
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    futs = list(asyncio.as_completed([f1, f2]))
    w1 = asyncio.create_task(consume("w1", futs[0]))
    w2 = asyncio.create_task(consume("w2", futs[1]))
    await asyncio.sleep(0)
    f1.set_result("x")
    await asyncio.sleep(0)  # completion callback runs, w1 is woken
    w1.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    f2.set_result("y")
    await asyncio.gather(w1, w2, return_exceptions=True)
    print(" | ".join(log))


asyncio.run(main())
