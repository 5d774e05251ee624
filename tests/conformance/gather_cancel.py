# Cancelling a gather cancels every child that is not done; the gather finishes with a CancelledError carrying the message (it is not itself cancelled), even with return_exceptions; a done gather refuses cancel (test_cancel_gather_1/2).
import asyncio

log = []


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        log.append(f"{name} done")
        return name
    except asyncio.CancelledError as e:
        log.append(f"{name} cancelled({e})")
        raise


async def case(return_exceptions):
    log.clear()
    a = asyncio.create_task(child("a", 0.01))
    b = asyncio.create_task(child("b", 0.2))
    c = asyncio.create_task(child("c", 0.25))
    g = asyncio.gather(a, b, c, return_exceptions=return_exceptions)
    await asyncio.sleep(0.02)
    print("cancel() ->", g.cancel("enough"))
    try:
        r = await g
        print("gather returned", r)
    except asyncio.CancelledError as e:
        print("gather raised CancelledError", repr(str(e)))
    print("done", g.done(), "cancelled", g.cancelled())
    print("children", a.cancelled(), b.cancelled(), c.cancelled())
    print("second cancel() ->", g.cancel())
    print(";".join(sorted(log)))


async def main():
    await case(False)
    await case(True)
    # Cancelling after every child is done: nothing to cancel.
    g = asyncio.gather(asyncio.sleep(0.01, "x"))
    await asyncio.sleep(0.02)
    print("late cancel() ->", g.cancel(), "result", ",".join(await g))


asyncio.run(main())
