# A generator coroutine that yields a non-awaitable gets RuntimeError thrown back in; a task awaiting itself fails too.
import asyncio
import types


@types.coroutine
def bad_yield():
    # TS port: a generator coroutine doing `yield 5`
    try:
        yield 5
    except RuntimeError:
        print("bad_yield got RuntimeError thrown in")
        raise


@types.coroutine
def bare_yield():
    # TS port: `yield null`, one loop iteration like sleep(0)
    yield


async def uses_bad():
    try:
        await bad_yield()
    except RuntimeError:
        print("uses_bad caught RuntimeError")
    return "recovered"


async def ticker():
    for i in range(2):
        print("tick", i)
        await asyncio.sleep(0)


async def uses_bare():
    print("before bare yield")
    await bare_yield()
    print("after bare yield")


holder = []


async def self_await():
    await asyncio.sleep(0)
    await holder[0]


async def main():
    print("uses_bad ->", await asyncio.create_task(uses_bad()))
    tk = asyncio.create_task(ticker())
    await uses_bare()
    await tk
    t = asyncio.create_task(self_await())
    holder.append(t)
    try:
        await t
    except RuntimeError:
        print("self await -> RuntimeError")


asyncio.run(main())
