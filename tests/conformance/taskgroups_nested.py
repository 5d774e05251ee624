# Nested TaskGroups: errors of an inner group arrive wrapped in the outer group's ExceptionGroup; an outer failure cancels the inner group (test_taskgroup_11/12/13/14).
import asyncio


def describe(e):
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}[{', '.join(sorted(describe(x) for x in e.exceptions))}]"
    return f"{type(e).__name__}({e})"


async def crash_on_cancel(i):
    try:
        await asyncio.sleep(1)
    finally:
        raise ValueError(f"inner {i}")


async def crash_after(delay):
    await asyncio.sleep(delay)
    raise ValueError(f"after {delay}")


async def cancelled_nested(outer_child):
    async with asyncio.TaskGroup() as g1:
        if outer_child:
            g1.create_task(asyncio.sleep(1))
        async with asyncio.TaskGroup() as g2:
            for i in range(2):
                g2.create_task(crash_on_cancel(i))
            await asyncio.sleep(1)


async def outer_first():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(0.01))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(1))
        print("not reached")


async def inner_first():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(1))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(0.01))
        print("not reached")


async def main():
    for outer_child in (False, True):
        r = asyncio.create_task(cancelled_nested(outer_child))
        await asyncio.sleep(0.01)
        r.cancel()
        try:
            await r
        except BaseException as e:
            print("cancelled nested", outer_child, describe(e))
    for runner in (outer_first, inner_first):
        try:
            await asyncio.create_task(runner())
        except BaseException as e:
            print(runner.__name__, describe(e))


asyncio.run(main())
