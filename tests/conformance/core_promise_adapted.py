# Adapted Promises (TS) behave like already-done futures (Python): awaiting them continues in the same step.
import asyncio


def done_future(value):
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(value)
    return fut


def failed_future(error):
    fut = asyncio.get_running_loop().create_future()
    fut.set_exception(error)
    return fut


async def other():
    for i in range(3):
        print("other", i)
        await asyncio.sleep(0)


async def plus_one(n):
    await asyncio.sleep(0)
    return n + 1


async def main():
    o = asyncio.create_task(other())
    await asyncio.sleep(0)
    print("main: await a resolved promise")
    print("main got", await done_future(5))          # TS: await Promise.resolve(5)
    f = done_future(6)                               # TS: ensure_future(Promise.resolve(6))
    print("main got", await f)
    try:
        await failed_future(ValueError("rejected"))  # TS: await Promise.reject(...)
    except ValueError as e:
        print("main caught", type(e).__name__, str(e))
    g = asyncio.ensure_future(failed_future(ValueError("wrapped")))  # TS: ensure_future(Promise.reject(...))
    await asyncio.sleep(0)
    print("wrapped future done", "yes" if g.done() else "no", "exception", str(g.exception()))
    await o
    results = await asyncio.gather(done_future("p"), plus_one(1), done_future("q"))
    print("gather", ",".join(str(r) for r in results))


asyncio.run(main())
