# Nested wait_for()/timeout(): the timeout that expired converts, the others pass errors through (generator style in TS).
import asyncio


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    return name


async def middle(inner_timeout):
    try:
        return await asyncio.wait_for(job("deep", 1), inner_timeout)
    except asyncio.CancelledError:
        print("middle saw CancelledError")
        raise
    except TimeoutError:
        print("middle saw TimeoutError")
        raise


async def main():
    task = asyncio.current_task()
    for outer_t, inner_t in ((0.01, 0.02), (0.02, 0.01)):
        try:
            await asyncio.wait_for(middle(inner_t), outer_t)
        except TimeoutError:
            print("outer got TimeoutError", "cancelling", task.cancelling())

    try:
        async with asyncio.timeout(0.01):
            await asyncio.wait_for(job("in block", 1), 0.05)
    except TimeoutError:
        print("block timed out")

    print("no limit", await asyncio.wait_for(middle(None), None))
    print("cancelling at end", task.cancelling())


asyncio.run(main())
