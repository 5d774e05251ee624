# The first failing child cancels its siblings and the body; the group raises an ExceptionGroup once all are done (test_taskgroup_04, test_cancel_children_on_child_error).
import asyncio


def describe(e):
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}[{', '.join(describe(x) for x in e.exceptions)}]"
    return f"{type(e).__name__}({e})"


async def fail(delay, msg):
    await asyncio.sleep(delay)
    print("failing", msg)
    raise ValueError(msg)


async def patient(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("cancelled", name)
        await asyncio.sleep(0.01)
        print("cleaned up", name)
        raise
    print("not reached", name)


async def runner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(0.01, "boom"))
        t2 = tg.create_task(patient("t2", 1))
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("body cancelled, cancelling() =", asyncio.current_task().cancelling())
            raise
    print("not reached: after the group")


async def main():
    task = asyncio.create_task(runner())
    try:
        await task
    except ExceptionGroup as eg:
        print(f"{type(eg).__name__}: {eg}")
        print(describe(eg))
        print("message:", eg.message)
    print("runner", "cancelled" if task.cancelled() else "not cancelled", "cancelling()", task.cancelling())


asyncio.run(main())
