# Eager tasks nest: an eager task that creates one restores itself as current; errors and cancellation in the first step.
import asyncio

log = []

def cur():
    return asyncio.current_task().get_coro().__name__

async def leaf():
    log.append(f"leaf runs in {cur()}")
    return "leaf"

async def middle():
    log.append(f"middle starts in {cur()}")
    t = asyncio.create_task(leaf())
    log.append(f"middle after leaf: {cur()} leaf done={t.done()}")
    await asyncio.sleep(0)
    return await t

async def failing():
    log.append("failing runs")
    raise ValueError("boom")

async def cancels_itself():
    asyncio.current_task().cancel()
    log.append("cancel requested in first step")
    await asyncio.sleep(0)
    log.append("never")

async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    m = asyncio.create_task(middle())
    log.append(f"main after middle: {cur()} middle done={m.done()}")
    f = asyncio.create_task(failing())
    log.append(f"failing done={f.done()} exception={f.exception()!r}")
    c = asyncio.create_task(cancels_itself())
    log.append(f"cancels_itself done={c.done()} cancelling={c.cancelling()}")
    log.append(f"middle gave {await m}")
    try:
        await c
    except asyncio.CancelledError:
        log.append(f"cancels_itself cancelled={c.cancelled()}")
    for line in log:
        print(line)

asyncio.run(main())
