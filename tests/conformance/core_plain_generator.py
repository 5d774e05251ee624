# A plain generator object (TS: an unwrapped function*) works as a task's coroutine and can be awaited by yield*.
import asyncio


async def counter(name, n):
    # the TS port uses a bare generator function, not wrapped by coroutine()
    total = 0
    for i in range(n):
        print(name, i)
        total += i
        await asyncio.sleep(0)
    return total


async def driver():
    # generator style in the TS port
    a = await counter("inline", 2)
    t = asyncio.create_task(counter("task", 3))
    b = await t
    return a * 100 + b


async def main():
    print("driver", await asyncio.create_task(driver()))
    c = counter("x", 0)
    print("iscoroutine", "yes" if asyncio.iscoroutine(c) else "no")
    c.close()


asyncio.run(main())
