# timeout()/timeout_at(): expiry raises TimeoutError, when(), expired(), None disables, 0 and past deadlines, repr.
import asyncio


def yn(flag):
    return "yes" if flag else "no"


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError as e:
        print("basic", type(e).__name__, type(e.__cause__).__name__, yn(cm.expired()), repr(cm))

    deadline = loop.time() + 0.01
    try:
        async with asyncio.timeout_at(deadline) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("timeout_at", yn(cm.expired()), yn(cm.when() == deadline))

    async with asyncio.timeout(10) as cm:
        await asyncio.sleep(0.01)
    print("not called", yn(cm.expired()), yn(cm.when() > loop.time()), repr(cm))

    async with asyncio.timeout(None) as cm:
        print("disabled inside", repr(cm))
        await asyncio.sleep(0.01)
    print("disabled", yn(cm.expired()), yn(cm.when() is None))

    async with asyncio.timeout_at(None) as cm:
        await asyncio.sleep(0.01)
    print("timeout_at disabled", yn(cm.expired()), yn(cm.when() is None))

    for delay in (0, -11):
        t0 = loop.time()
        try:
            async with asyncio.timeout(delay) as cm:
                await asyncio.sleep(0)
                print("not reached")
        except TimeoutError:
            print("delay", delay, "sleep 0 expired", yn(cm.expired()), yn(cm.when() <= loop.time()))

    # a body that finishes without awaiting is not cancelled even with delay 0
    async with asyncio.timeout(0) as cm:
        print("body without await runs")
    print("no await", yn(cm.expired()), repr(cm))

    # the result of the block goes through
    async def compute():
        async with asyncio.timeout(1):
            await asyncio.sleep(0.01)
            return "value"

    print("returned", await compute())


asyncio.run(main())
