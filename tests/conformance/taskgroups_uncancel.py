# The group withdraws the cancellation it made of its parent (uncancel), so code after a failed group runs on; a failing __aexit__ inside the group joins the errors (taskgroups.py parent_cancel_requested bookkeeping, test_taskgroup_context_manager_exit_raises).
import asyncio


async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError("child")


async def after_failure():
    task = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.01))
            await asyncio.sleep(1)
    except ExceptionGroup as eg:
        print("caught", type(eg).__name__, "cancelling()", task.cancelling())
    await asyncio.sleep(0.01)
    print("went on after the group")
    return "finished"


async def exit_raises():
    task = asyncio.current_task()

    class Database:
        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            raise ValueError("database")

    try:
        async with asyncio.TaskGroup() as tg:
            async with Database():
                tg.create_task(fail(0))
                await asyncio.sleep(1)
    except ExceptionGroup as eg:
        print("exit_raises", ",".join(str(e) for e in eg.exceptions), "cancelling()", task.cancelling())


async def main():
    print(await asyncio.create_task(after_failure()))
    await asyncio.create_task(exit_raises())


asyncio.run(main())
