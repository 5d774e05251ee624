# shield() with wait_for(): zero, None and short timeouts leave the shielded task running (generator style in TS).
import asyncio


def yn(flag):
    return "yes" if flag else "no"


async def coro(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name


async def main():
    task = asyncio.create_task(coro("zero", 0.01))
    shielded = asyncio.shield(task)
    try:
        await asyncio.wait_for(shielded, timeout=0)
    except TimeoutError:
        print("zero timeout", yn(task.done()), yn(task.cancelled()), yn(shielded.cancelled()))
    await asyncio.sleep(0.02)
    print("zero task done", yn(task.done()))

    task = asyncio.create_task(coro("none", 0.01))
    print("none", await asyncio.wait_for(asyncio.shield(task), timeout=None), yn(task.done()))

    task = asyncio.create_task(coro("short", 0.03))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.01)
    except TimeoutError:
        print("short timeout", yn(task.done()), yn(task.cancelled()))
    print("short result", await task)

    # the pattern for ignoring a cancellation of the caller
    task = asyncio.create_task(coro("ignored", 0.02))

    async def caller():
        try:
            res = await asyncio.shield(task)
        except asyncio.CancelledError:
            res = None
        return res

    c = asyncio.create_task(caller())
    await asyncio.sleep(0.01)
    c.cancel()
    print("caller got", "None" if await c is None else "value", yn(task.done()))
    print("task result", await task)


asyncio.run(main())
