# wait_for(): result in time, None waits forever, on timeout the task is cancelled and awaited, TimeoutError caused by CancelledError.
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    async def quick():
        await asyncio.sleep(0.01)
        return "quick"

    print("in time", await asyncio.wait_for(quick(), 0.05))
    print("no limit", await asyncio.wait_for(quick(), None))

    state = {}

    async def foo():
        state["running"] = "yes"
        try:
            await asyncio.sleep(10)
        finally:
            state["running"] = "no"
            print("foo cleaned up")
        return "done"

    fut = asyncio.create_task(foo())
    try:
        await asyncio.wait_for(fut, 0.02)
    except TimeoutError as e:
        print("timed out", type(e).__name__, type(e.__cause__).__name__)
    print("task", "cancelled" if fut.cancelled() else "not cancelled", "running", state["running"])

    # a coroutine runs inline and sees the cancellation, then the TimeoutError
    async def inline():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("inline got CancelledError")
            raise

    try:
        await asyncio.wait_for(inline(), 0.01)
    except asyncio.TimeoutError:
        print("inline timed out")

    # race: the future finishes in the same iteration as wait_for starts
    f = loop.create_future()
    coro = asyncio.wait_for(f, timeout=0.2)
    loop.call_soon(f.set_result, "ok")
    print("race", await coro)

    # a future failing in time raises its own error
    g = loop.create_future()
    loop.call_later(0.01, g.set_exception, KeyError("k"))
    try:
        await asyncio.wait_for(g, 1)
    except KeyError:
        print("own error KeyError")

    # the task waiting in wait_for is not cancelled by the timeout
    async def outer():
        try:
            await asyncio.wait_for(asyncio.sleep(1), 0.01)
        except TimeoutError:
            return "outer handled"

    task = asyncio.create_task(outer())
    print(await task, "cancelling", task.cancelling())


asyncio.run(main())
