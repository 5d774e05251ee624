# timeout(): foreign errors pass through, a foreign cancel stays CancelledError, timeouts after an earlier cancellation still work.
import asyncio


def yn(flag):
    return "yes" if flag else "no"


async def main():
    try:
        async with asyncio.timeout(0.01) as cm:
            raise KeyError("k")
    except KeyError:
        print("foreign error passed", yn(cm.expired()))

    async def crash():
        try:
            await asyncio.sleep(1)
        finally:
            raise ZeroDivisionError("cleanup")

    try:
        async with asyncio.timeout(0.01) as cm:
            await crash()
    except ZeroDivisionError:
        print("error during expiry wins", yn(cm.expired()))

    async def foreign_cancel():
        async with asyncio.timeout(10) as cm:
            asyncio.current_task().cancel()
            try:
                await asyncio.sleep(10)
            finally:
                print("foreign cancel, expired", yn(cm.expired()))

    t = asyncio.create_task(foreign_cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("still CancelledError", yn(t.cancelled()))

    async def outer():
        try:
            async with asyncio.timeout(0.001):
                await asyncio.sleep(10)
        except TimeoutError:
            print("outer handled its timeout")

    t = asyncio.create_task(outer())
    await t
    print("outer task cancelled", yn(t.cancelled()), "cancelling", t.cancelling())

    async def after_cancellation():
        try:
            asyncio.current_task().cancel()
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("first cancellation caught", asyncio.current_task().cancelling())
        finally:
            try:
                async with asyncio.timeout(0.0):
                    await asyncio.sleep(1)
            except TimeoutError:
                print("timeout after cancellation works")
        return "ok"

    print(await asyncio.create_task(after_cancellation()))

    async def cancel_in_timeout_after_cancellation():
        try:
            asyncio.current_task().cancel()
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass
        finally:
            try:
                async with asyncio.timeout(1.0):
                    asyncio.current_task().cancel()
                    await asyncio.sleep(2)
            except asyncio.CancelledError:
                print("second cancel stays CancelledError", asyncio.current_task().cancelling())

    await asyncio.create_task(cancel_in_timeout_after_cancellation())


asyncio.run(main())
