# A custom exception handler gets callback errors with message/exception/handle; the loop keeps running.
import asyncio


def bad(n):
    raise ValueError("bad callback %d" % n)


def bad_done(fut):
    raise KeyError("bad done callback")


def handler(loop, context):
    exc = context.get("exception")
    print("handler:", context["message"].split("(")[0],
          "|", type(exc).__name__ if exc is not None else "no exception",
          "|", ",".join(sorted(context)))


async def main():
    loop = asyncio.get_running_loop()
    print("default handler in use", "yes" if loop.get_exception_handler() is None else "no")
    loop.set_exception_handler(handler)
    print("custom handler in use", "yes" if loop.get_exception_handler() is handler else "no")
    loop.call_soon(bad, 1)
    loop.call_soon(print, "callback after the failing one")
    loop.call_later(0.01, bad, 2)
    fut = loop.create_future()
    fut.add_done_callback(bad_done)
    fut.set_result(1)
    await asyncio.sleep(0.04)
    loop.call_exception_handler({"message": "custom report", "extra": 5})
    print("loop still running", "yes" if loop.is_running() else "no")
    loop.set_exception_handler(None)
    print("handler reset", "yes" if loop.get_exception_handler() is None else "no")


asyncio.run(main())
