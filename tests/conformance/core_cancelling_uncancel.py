# cancelling() counts cancel requests and uncancel() withdraws them; a caught cancel plus uncancel lets the task finish.
import asyncio


async def worker():
    me = asyncio.current_task()
    for round in range(2):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("round", round, "caught, cancelling", me.cancelling())
            print("uncancel ->", me.uncancel())
    print("worker end, cancelling", me.cancelling())
    return "ok"


async def main():
    t = asyncio.create_task(worker())
    print("fresh cancelling", t.cancelling())
    await asyncio.sleep(0)
    print("cancel 1", "yes" if t.cancel() else "no", t.cancelling())
    print("cancel 2", "yes" if t.cancel() else "no", t.cancelling())
    await asyncio.sleep(0)
    print("after delivery", t.cancelling())
    print("cancel 3", "yes" if t.cancel() else "no", t.cancelling())
    print("result", await t, "cancelling", t.cancelling())
    print("uncancel at zero", t.uncancel())
    print("cancel done task", "yes" if t.cancel() else "no", t.cancelling())


asyncio.run(main())
