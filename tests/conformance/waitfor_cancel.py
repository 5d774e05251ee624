# wait_for(): cancelling the waiter cancels the inner task; inner tasks that refuse or delay cancellation; GH-86296.
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    for label, timeout in (("none", None), ("sixty", 60.0)):
        async def blocking():
            await loop.create_future()

        task = asyncio.create_task(blocking())
        waiter = asyncio.create_task(asyncio.wait_for(task, timeout))
        loop.call_soon(waiter.cancel)
        try:
            await waiter
        except asyncio.CancelledError:
            print("waiter cancelled", label, "inner cancelled", "yes" if task.cancelled() else "no")

    # an inner coroutine that swallows the cancellation returns its value
    async def return_42():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return 42

    print("suppressed", await asyncio.wait_for(return_42(), timeout=0.01))

    async def inner_race():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("inner_race saw CancelledError")
        return 1

    print("race result", await asyncio.wait_for(inner_race(), timeout=0.01))

    # wait_for waits until the cancelled task has really finished
    async def slow_exit():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.01)
            print("slow_exit finished cleanup")
            raise

    task = asyncio.create_task(slow_exit())
    try:
        await asyncio.wait_for(task, timeout=0.005)
    except TimeoutError as e:
        print("timeout after cleanup", type(e.__cause__).__name__)

    # a task that ignores cancel requests until its own deadline
    async def stubborn():
        exit_at = loop.time() + 0.03
        while (left := exit_at - loop.time()) > 0:
            try:
                await asyncio.sleep(left)
            except asyncio.CancelledError:
                print("stubborn ignores a cancel")
        print("stubborn exits")

    waiter = asyncio.create_task(asyncio.wait_for(stubborn(), 0.06))
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.wait({waiter})
    print("waiter", "cancelled" if waiter.cancelled() else "finished")

    # GH-86296: the waiting task is cancelled even if the inner task is done
    async def inner():
        return "done"

    inner_task = asyncio.create_task(inner())
    reached = []

    async def wait_for_coro():
        await asyncio.wait_for(inner_task, timeout=100)
        await asyncio.sleep(1)
        reached.append("end")

    task = asyncio.create_task(wait_for_coro())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("gh86296 cancelled", await inner_task, "reached end", len(reached))


asyncio.run(main())
