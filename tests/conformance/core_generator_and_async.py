# Generator-style and async coroutines in one program: each awaits the other inline, results and errors cross over.
import asyncio


async def async_add(a, b):
    # async style in the TS port
    print("async_add", a, b)
    await asyncio.sleep(0)
    return a + b


async def gen_double(n):
    # generator style in the TS port (yield*)
    print("gen_double", n)
    s = await async_add(n, n)
    await asyncio.sleep(0)
    return s


async def async_uses_gen(n):
    # async style in the TS port
    d = await gen_double(n)
    print("async_uses_gen got", d)
    return d + 1


async def gen_fails():
    # generator style in the TS port
    await asyncio.sleep(0)
    raise ValueError("from generator")


async def async_catches():
    # async style in the TS port
    try:
        await gen_fails()
    except ValueError as e:
        print("async caught", str(e))
    return "caught"


async def gen_main():
    # generator style in the TS port
    t1 = asyncio.create_task(async_uses_gen(3))
    t2 = asyncio.create_task(gen_double(10))
    t3 = asyncio.create_task(async_catches())
    r1 = await t1
    r2 = await t2
    r3 = await t3
    print("results", r1, r2, r3)
    return r1 + r2


print("run returned", asyncio.run(gen_main()))
