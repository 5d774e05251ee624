# Cancel timing: a task cancelling itself, one cancelled during sleep(0), and one cancelled after its wakeup was queued (the result is lost).
import asyncio


async def self_canceller():
    asyncio.current_task().cancel("self")
    print("self_canceller still running after cancel()")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print("self_canceller got", repr(e.args[0]) if e.args else "''")
        raise


async def yielder():
    try:
        await asyncio.sleep(0)
        print("yielder resumed (wrong)")
    except asyncio.CancelledError as e:
        print("yielder got", repr(e.args[0]) if e.args else "''")
        raise


async def waiter(fut):
    try:
        v = await fut
        print("waiter got value (wrong)", v)
    except asyncio.CancelledError as e:
        print("waiter got", repr(e.args[0]) if e.args else "''")
        raise


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(self_canceller())
    b = asyncio.create_task(yielder())
    fut = loop.create_future()
    c = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)  # all three ran their first step
    b.cancel("during sleep0")
    fut.set_result("lost value")  # c's wakeup is now queued
    print("cancel c after wakeup queued", "yes" if c.cancel("late") else "no")
    print("fut still has its result", fut.result())
    for t in (a, b, c):
        try:
            await t
        except asyncio.CancelledError:
            pass
    print("cancelled", "yes" if a.cancelled() else "no", "yes" if b.cancelled() else "no",
          "yes" if c.cancelled() else "no")


asyncio.run(main())
