# create_task(coro, context=ctx): the task runs in ctx itself, and what it sets stays there; get_context() gives it.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")

async def setter(value):
    print("setter sees", v.get())
    v.set(value)
    await asyncio.sleep(0)
    return v.get()

async def main():
    v.set("main")
    ctx = contextvars.copy_context()
    t1 = asyncio.create_task(setter("first"), context=ctx)
    print("same context", t1.get_context() is ctx)
    print(await t1)
    t2 = asyncio.create_task(setter("second"), context=ctx)
    print(await t2)
    print("ctx now", ctx[v], "main", v.get())
    t3 = asyncio.create_task(setter("third"))
    await t3
    print("own context", t3.get_context() is not ctx, t3.get_context()[v])
    print("main end", v.get())

asyncio.run(main())
