# Cancelling a gather cancels its children; cancelling a task blocked in gather does too; a cancelled child fails the gather.
import asyncio


async def child(name, d):
    try:
        await asyncio.sleep(d)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def waits_on_gather():
    try:
        await asyncio.gather(child("w1", 1), child("w2", 2))
    except asyncio.CancelledError:
        print("waits_on_gather saw CancelledError")
        raise


async def main():
    g = asyncio.gather(child("g1", 1), child("g2", 0.01))
    await asyncio.sleep(0.04)
    print("cancel gather", "yes" if g.cancel() else "no")
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError", "cancelled", "yes" if g.cancelled() else "no")

    t = asyncio.create_task(waits_on_gather())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled", "yes" if t.cancelled() else "no")

    victim = asyncio.create_task(child("victim", 1))
    g2 = asyncio.gather(victim, child("survivor", 0.05))
    await asyncio.sleep(0.01)
    victim.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("gather with a cancelled child raised CancelledError")
    await asyncio.sleep(0.05)
    print("done cancel after finish", "yes" if g2.cancel() else "no")


asyncio.run(main())
