# sleep(delay, result) returns result; zero and negative delays yield exactly one iteration; sleeps wake in deadline order.
import asyncio


async def sleeper(name, d):
    v = await asyncio.sleep(d, name + "-result")
    print("woke", v)
    return v


async def counter():
    for i in range(3):
        print("count", i)
        await asyncio.sleep(0)


async def main():
    c = asyncio.create_task(counter())
    print("sleep(0) ->", await asyncio.sleep(0, "zero"))
    print("sleep(-1) ->", await asyncio.sleep(-1, "negative"))
    print("sleep(0) no result ->", await asyncio.sleep(0))
    await c
    ts = [asyncio.create_task(sleeper(n, d)) for n, d in [("c", 0.06), ("a", 0.02), ("b", 0.04)]]
    for t in ts:
        await t


asyncio.run(main())
