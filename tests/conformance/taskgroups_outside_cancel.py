# Cancelling the task that runs a TaskGroup cancels every child and the body, and CancelledError comes out (test_cancellation, test_taskgroup_07/17/22).
import asyncio

log = []


async def child(i):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append(f"child {i} cancelled")
        raise


async def runner(n, body_sleeps):
    async with asyncio.TaskGroup() as tg:
        for i in range(n):
            tg.create_task(child(i))
        if body_sleeps:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("body cancelled")
                raise
        print("body done, waiting in __aexit__")


async def case(name, n, body_sleeps):
    log.clear()
    r = asyncio.create_task(runner(n, body_sleeps))
    await asyncio.sleep(0.01)
    print(name, "runner done?", "yes" if r.done() else "no")
    r.cancel("stop")
    try:
        await r
    except asyncio.CancelledError as e:
        print(name, "CancelledError", repr(str(e)), "cancelled" if r.cancelled() else "not cancelled")
    print(name, ";".join(sorted(log)))


async def main():
    await case("body-sleeps", 3, True)
    await case("exiting", 2, False)
    await case("empty", 0, True)


asyncio.run(main())
