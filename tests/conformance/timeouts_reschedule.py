# Timeout.reschedule(): later, earlier, None, from another task; RuntimeError in every wrong state (generator style in TS).
import asyncio


def yn(flag):
    return "yes" if flag else "no"


async def main():
    loop = asyncio.get_running_loop()

    async with asyncio.timeout(0.01) as cm:
        cm.reschedule(loop.time() + 0.05)
        await asyncio.sleep(0.02)
    print("later deadline survived", yn(cm.expired()))

    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time() + 0.01)
            await asyncio.sleep(1)
    except TimeoutError:
        print("earlier deadline fired", yn(cm.expired()))

    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time() - 5)
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print("past deadline fired")

    async with asyncio.timeout(0.01) as cm:
        cm.reschedule(None)
        await asyncio.sleep(0.02)
    print("disabled by reschedule", yn(cm.expired()), yn(cm.when() is None))

    # rescheduled from another task, then cancelled from outside
    got = loop.create_future()

    async def f():
        async with asyncio.timeout_at(loop.time() + 10) as cm:
            got.set_result(cm)
            await asyncio.sleep(50)

    task = asyncio.create_task(f())
    cm = await got
    cm.reschedule(cm.when() + 20)
    cm.reschedule(None)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled from outside", yn(cm.expired()))

    # wrong states
    cm = asyncio.timeout(0.01)
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("not entered:", e)

    async with asyncio.timeout(0.01) as cm:
        try:
            async with cm:
                pass
        except RuntimeError as e:
            print("enter twice:", e)
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("enter after exit:", e)
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("finished:", e)

    try:
        async with asyncio.timeout(0.01) as cm:
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                try:
                    cm.reschedule(1)
                except RuntimeError as e:
                    print("expiring:", e)
                raise
    except TimeoutError:
        pass
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("expired:", e)


asyncio.run(main())
