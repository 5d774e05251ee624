# exception() returns the stored error, result() and await raise it; a cancelled future raises CancelledError with its message.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    err = ValueError("boom")
    fut.set_exception(err)
    print("done", "yes" if fut.done() else "no", "cancelled", "yes" if fut.cancelled() else "no")
    print("exception is err", "yes" if fut.exception() is err else "no")
    try:
        fut.result()
    except ValueError as e:
        print("result raised", type(e).__name__, str(e), "same" if e is err else "other")
    try:
        await fut
    except ValueError as e:
        print("await raised", type(e).__name__, str(e))
    ok = loop.create_future()
    ok.set_result("fine")
    print("exception of ok", "None" if ok.exception() is None else "set")
    c = loop.create_future()
    print("cancel", "yes" if c.cancel("why") else "no")
    print("done", "yes" if c.done() else "no", "cancelled", "yes" if c.cancelled() else "no")
    for label, fn in [("result", c.result), ("exception", c.exception)]:
        try:
            fn()
        except asyncio.CancelledError as e:
            print(label, "raised", type(e).__name__, e.args[0] if e.args else "")
    try:
        await c
    except asyncio.CancelledError as e:
        print("await raised", type(e).__name__, e.args[0] if e.args else "")
    print("main done")


asyncio.run(main())
