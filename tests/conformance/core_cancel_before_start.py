# A task cancelled before its first step never runs its body, for async and generator-style coroutines alike.
import asyncio


async def body(name):
    print("body ran", name)
    return name


async def gen_body(name):
    # the TS port writes this one as a generator coroutine
    print("gen body ran (wrong)", name)
    await asyncio.sleep(0)
    return name


async def main():
    t1 = asyncio.create_task(body("t1"))
    t2 = asyncio.create_task(gen_body("t2"))
    t3 = asyncio.create_task(body("t3"))
    print("cancel t1", "yes" if t1.cancel("early") else "no")
    print("cancel t2", "yes" if t2.cancel() else "no")
    for t in (t1, t2):
        try:
            await t
        except asyncio.CancelledError as e:
            print("awaited cancelled task, msg", repr(e.args[0]) if e.args else "''")
    print("t3 result", await t3)
    print("t1", "cancelled" if t1.cancelled() else "not cancelled",
          "t2", "cancelled" if t2.cancelled() else "not cancelled")


asyncio.run(main())
