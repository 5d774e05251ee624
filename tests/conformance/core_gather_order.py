# gather returns results in argument order whatever the finishing order; duplicates and done futures are fine.
import asyncio


async def after(d, value):
    await asyncio.sleep(d)
    print("finished", value)
    return value


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(after(0.06, "slow"), after(0.02, "fast"), after(0.04, "mid"))
    print("results", ",".join(results))
    fut = loop.create_future()
    loop.call_later(0.01, fut.set_result, "fut")
    t = asyncio.create_task(after(0, "task"))
    results = await asyncio.gather(fut, t, fut, after(0.005, "coro"))
    print("mixed", ",".join(results))
    print("empty", len(await asyncio.gather()))


asyncio.run(main())
