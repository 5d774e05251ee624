# InvalidStateError: result()/exception() before done, set_result or set_exception twice; Task refuses set_result.
import asyncio


def attempt(label, fn):
    try:
        value = fn()
        print(label, "returned", value)
    except Exception as e:
        print(label, "raised", type(e).__name__)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    attempt("result pending", fut.result)
    attempt("exception pending", fut.exception)
    fut.set_result(1)
    attempt("set_result twice", lambda: fut.set_result(2))
    attempt("set_exception after result", lambda: fut.set_exception(ValueError("x")))
    attempt("result", fut.result)
    attempt("cancel done", lambda: "yes" if fut.cancel() else "no")
    other = loop.create_future()
    other.cancel()
    attempt("set_result cancelled", lambda: other.set_result(3))
    task = asyncio.create_task(asyncio.sleep(0))
    attempt("task set_result", lambda: task.set_result(1))
    attempt("task set_exception", lambda: task.set_exception(ValueError("x")))
    await task
    print("main done")


asyncio.run(main())
