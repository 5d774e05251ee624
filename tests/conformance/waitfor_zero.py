# wait_for() with timeout <= 0: done futures return, coroutines never start, running tasks are cancelled and awaited (generator style in TS).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("done")
    print("done future", await asyncio.wait_for(fut, 0))

    started = []

    async def foo():
        started.append("foo")
        return "never"

    for t in (0, -1):
        try:
            await asyncio.wait_for(foo(), t)
        except TimeoutError as e:
            print("timeout", t, "started", len(started), type(e.__cause__).__name__)

    for t in (0, -1):
        async def slow():
            print("slow started")
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("slow cleaning up")
                await asyncio.sleep(0.01)
                print("slow cleaned up")
                raise
            return "done"

        task = asyncio.create_task(slow())
        await asyncio.sleep(0)
        try:
            await asyncio.wait_for(task, t)
        except TimeoutError:
            print("timed out", t, "cancelled", "yes" if task.cancelled() else "no")

    # an error raised during cancellation replaces the timeout
    async def crash():
        try:
            await asyncio.sleep(1)
        finally:
            raise KeyError("cleanup")

    task = asyncio.create_task(crash())
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(task, 0)
    except KeyError:
        print("KeyError during cancellation")

    # a task that refuses the cancellation gives its result
    async def stubborn():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return "refused"

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print("stubborn", await asyncio.wait_for(task, 0))


asyncio.run(main())
