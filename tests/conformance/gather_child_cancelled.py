# A child cancelled on its own (not through the gather) makes the gather raise CancelledError with the child's message while the others keep running; with return_exceptions it is returned instead (test_one_cancellation).
import asyncio


async def child(name, delay):
    await asyncio.sleep(delay)
    print("done", name)
    return name


async def main():
    loop = asyncio.get_running_loop()
    victim = asyncio.create_task(child("victim", 1))
    other = asyncio.create_task(child("other", 0.1))
    loop.call_later(0.01, victim.cancel, "by hand")
    g = asyncio.gather(victim, other)
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather raised CancelledError", repr(str(e)))
    print("gather done", g.done(), "cancelled", g.cancelled(), "other done", other.done())
    print("other", await other)

    victim = asyncio.create_task(child("victim", 1))
    loop.call_later(0.01, victim.cancel)
    results = await asyncio.gather(victim, child("second", 0.02), return_exceptions=True)
    print("returned", type(results[0]).__name__, results[1])

    # A plain future cancelled by hand.
    fut = loop.create_future()
    loop.call_soon(fut.cancel, "future cancelled")
    try:
        await asyncio.gather(fut, child("third", 0.05))
    except asyncio.CancelledError as e:
        print("future case", repr(str(e)))
    await asyncio.sleep(0.1)


asyncio.run(main())
