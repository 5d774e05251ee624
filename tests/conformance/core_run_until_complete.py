# run_until_complete on a fresh loop: coroutines, futures, errors, tasks living across calls, and a closed loop.
import asyncio


async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b


async def fails():
    await asyncio.sleep(0)
    raise KeyError("missing")


async def background(n):
    for i in range(n):
        print("background", i)
        await asyncio.sleep(0.04)
    return "background done"


def main():
    loop = asyncio.new_event_loop()
    print("running before", "yes" if loop.is_running() else "no")
    print("coroutine ->", loop.run_until_complete(add(1, 2)))
    fut = loop.create_future()
    loop.call_later(0.01, fut.set_result, "future value")
    print("future ->", loop.run_until_complete(fut))
    try:
        loop.run_until_complete(fails())
    except KeyError:
        print("error -> KeyError")
    t = loop.create_task(background(3))
    loop.run_until_complete(asyncio.sleep(0.06))
    print("between runs, background done", "yes" if t.done() else "no")
    print("task ->", loop.run_until_complete(t))
    print("running after", "yes" if loop.is_running() else "no")
    loop.close()
    print("closed", "yes" if loop.is_closed() else "no")
    c = add(3, 4)
    try:
        loop.run_until_complete(c)
    except RuntimeError:
        print("closed loop: RuntimeError")
    c.close()


main()
