# Children that raise while being cancelled from outside turn the cancellation into an ExceptionGroup; a body answering cancellation with an error does too (test_taskgroup_08/18).
import asyncio


def describe(e):
    # Sub-errors sorted: the group cancels its children in set order.
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}[{', '.join(sorted(describe(x) for x in e.exceptions))}]"
    return f"{type(e).__name__}({e})"


async def crash_on_cancel(i):
    try:
        await asyncio.sleep(1)
    finally:
        raise ValueError(f"finally {i}")


async def runner1():
    async with asyncio.TaskGroup() as tg:
        for i in range(3):
            tg.create_task(crash_on_cancel(i))
        await asyncio.sleep(1)


async def runner2():
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            raise TypeError("instead of cancelling")


async def main():
    for runner in (runner1, runner2):
        r = asyncio.create_task(runner())
        await asyncio.sleep(0.01)
        r.cancel()
        try:
            await r
        except BaseException as e:
            print(runner.__name__, describe(e))
            print(runner.__name__, "cancelled" if r.cancelled() else "not cancelled", r.cancelling())


asyncio.run(main())
