# A body that delays its cancellation (sleeps in its handler) still gets the error of a child that fails meanwhile, also when the cancelled task awaits the group's task (test_taskgroup_15/16).
import asyncio


def describe(e):
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}[{', '.join(describe(x) for x in e.exceptions)}]"
    return f"{type(e).__name__}({e})"


async def crash_soon():
    await asyncio.sleep(0.03)
    print("child crashes")
    raise ValueError("crash")


async def group_runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("body cancelled, cleaning up slowly")
            await asyncio.sleep(0.05)
            print("body re-raises")
            raise


async def awaiting_runner():
    t = asyncio.create_task(group_runner())
    await t


async def main():
    for runner in (group_runner, awaiting_runner):
        r = asyncio.create_task(runner())
        await asyncio.sleep(0.01)
        r.cancel()
        try:
            await r
        except BaseException as e:
            print(runner.__name__, describe(e), "cancelled" if r.cancelled() else "not cancelled")


asyncio.run(main())
