# Nested timeouts: only the expired owner converts, same-step outside cancel wins, nested timeout in finally (generator style in TS).
import asyncio


def yn(flag):
    return "yes" if flag else "no"


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()

    # both expire in the same step: the inner one lets CancelledError through
    deadline = loop.time() + 0.01
    try:
        async with asyncio.timeout_at(deadline) as cm1:
            try:
                async with asyncio.timeout_at(deadline) as cm2:
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("inner let CancelledError through")
                raise
    except TimeoutError:
        print("outer raised TimeoutError", yn(cm1.expired()), yn(cm2.expired()), task.cancelling())

    # the inner one expires first and is handled; the outer one interrupts later
    try:
        async with asyncio.timeout(0.03) as outer:
            try:
                async with asyncio.timeout(0.01):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner timed out", yn(outer.expired()))
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer timed out later", task.cancelling())

    # the outer one expires first: the inner one has nothing to convert
    try:
        async with asyncio.timeout(0.01):
            try:
                async with asyncio.timeout(0.05) as inner:
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("inner saw CancelledError", yn(inner.expired()))
                raise
    except TimeoutError:
        print("outer converted")

    # a timeout inside a finally block of an expired one
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(10)
                except TimeoutError:
                    print("finally block timed out")
    except TimeoutError:
        print("outer of finally timed out", task.cancelling())

    # an outside cancel() in the same step as the deadline wins
    async def guarded():
        async with asyncio.timeout_at(when):
            await asyncio.sleep(10)

    when = loop.time() + 0.01
    t = asyncio.create_task(guarded())
    loop.call_at(when, t.cancel)
    try:
        await t
    except asyncio.CancelledError:
        print("outside cancel wins", yn(t.cancelled()))
    except TimeoutError:
        print("converted (wrong)")


asyncio.run(main())
