# gather(return_exceptions=True): values, errors and cancelled children (as new CancelledErrors without the task's message) come back in argument order (test_return_exceptions, test_result_exception_one_cancellation).
import asyncio


def describe(x):
    if isinstance(x, BaseException):
        return f"{type(x).__name__}({x!s})"
    return str(x)


async def value(delay, v):
    await asyncio.sleep(delay)
    return v


async def fail(delay, msg):
    await asyncio.sleep(delay)
    raise ValueError(msg)


async def main():
    loop = asyncio.get_running_loop()
    victim = asyncio.create_task(value(1, "never"))
    loop.call_later(0.01, victim.cancel, "with a message")
    fut = loop.create_future()
    loop.call_later(0.02, fut.cancel, "future message")
    done_fut = loop.create_future()
    done_fut.set_exception(TypeError("already failed"))
    results = await asyncio.gather(
        value(0.03, 1), fail(0.01, "bad"), victim, fut, done_fut, value(0, 2),
        return_exceptions=True,
    )
    print("results", "; ".join(describe(r) for r in results))
    print("victim", "cancelled" if victim.cancelled() else "not cancelled")


asyncio.run(main())
