# An error raised by the body cancels the children and joins the ExceptionGroup, after the errors of failed children (test_taskgroup_09/10/19).
import asyncio


def describe(e):
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}[{', '.join(describe(x) for x in e.exceptions)}]"
    return f"{type(e).__name__}({e})"


async def value_after(delay, value):
    await asyncio.sleep(delay)
    return value


async def crash_soon():
    await asyncio.sleep(0.01)
    raise ValueError("crash_soon")


async def nested():
    try:
        await asyncio.sleep(1)
    finally:
        print("nested finally")
        raise TypeError("from nested finally")


async def main():
    # Body fails after an await.
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(value_after(1, 42))
            t2 = tg.create_task(value_after(2, 11))
            await asyncio.sleep(0.01)
            raise RuntimeError("body")
    except ExceptionGroup as eg:
        print("case 1", describe(eg))
    print("case 1 children", t1.cancelled(), t2.cancelled())

    # Body fails before its first await.
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(value_after(1, 42))
            raise RuntimeError("at once")
    except ExceptionGroup as eg:
        print("case 2", describe(eg))
    print("case 2 child", t1.cancelled())

    # A child fails; the body's cleanup raises as well.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(crash_soon())
            await nested()
    except ExceptionGroup as eg:
        print("case 3", describe(eg))
    print("cancelling()", asyncio.current_task().cancelling())


asyncio.run(main())
