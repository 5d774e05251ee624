# Messages of CancelledErrors that come out of a cancelled gather, and of cancelled children returned as results.
import asyncio


async def quick():
    return "q"


async def slow():
    await asyncio.sleep(1)


def msg(e):
    return repr(e.args[0]) if e.args else "''"


async def main():
    for order in ("slow-first", "quick-first"):
        for rexc in (False, True):
            a = asyncio.create_task(slow())
            b = asyncio.create_task(quick())
            if order == "slow-first":
                g = asyncio.gather(a, b, return_exceptions=rexc)
            else:
                g = asyncio.gather(b, a, return_exceptions=rexc)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            g.cancel("outer msg")
            try:
                await g
            except asyncio.CancelledError as e:
                print(order, "return_exceptions" if rexc else "raise", "gather raised", msg(e))
    victim = asyncio.create_task(slow())
    g = asyncio.gather(victim, quick(), return_exceptions=True)
    await asyncio.sleep(0)
    victim.cancel("child msg")
    results = await g
    print("cancelled child as result:", type(results[0]).__name__, msg(results[0]), results[1])


asyncio.run(main())
