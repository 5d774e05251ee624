# gather, wait_for, shield and TaskGroup wrap coroutines in tasks: their children start from a copy of the caller's context.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")

async def child(label):
    seen = v.get()
    v.set(label)
    await asyncio.sleep(0.01)
    return f"{label} saw {seen}, has {v.get()}"

async def main():
    v.set("main")
    print(await asyncio.gather(child("g1"), child("g2")))
    print("after gather", v.get())
    print(await asyncio.wait_for(child("wf"), 1))
    print("after wait_for", v.get())
    print(await asyncio.shield(child("sh")))
    print("after shield", v.get())
    async with asyncio.TaskGroup() as tg:
        v.set("main2")
        t1 = tg.create_task(child("tg1"))
        ctx = contextvars.Context()
        t2 = tg.create_task(child("tg2"), context=ctx)
    print(t1.result(), "|", t2.result(), "|", ctx[v])
    print("end", v.get())

asyncio.run(main())
