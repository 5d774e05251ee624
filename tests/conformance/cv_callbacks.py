# call_soon/call_later/call_at capture the current context, or run in the one given; so do done callbacks.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")

def show(label):
    print(label, v.get())

def setter(label):
    v.set(label)
    print(label, "set", v.get())

async def main():
    loop = asyncio.get_running_loop()
    v.set("main")
    loop.call_soon(show, "soon")
    ctx = contextvars.Context()
    ctx.run(v.set, "in ctx")
    loop.call_soon(show, "soon ctx", context=ctx)
    loop.call_later(0.01, show, "later")
    loop.call_at(loop.time() + 0.02, show, "at ctx", context=ctx)
    loop.call_soon(setter, "cb1")
    loop.call_soon(show, "after cb1")
    loop.call_soon(setter, "cb2", context=ctx)
    loop.call_soon(show, "ctx after cb2", context=ctx)
    fut = loop.create_future()
    fut.add_done_callback(lambda f: show("done cb"))
    fut.add_done_callback(lambda f: show("done cb ctx"), context=ctx)
    v.set("changed")
    fut.set_result(1)
    await asyncio.sleep(0.05)
    show("main end")
    print("ctx holds", ctx[v], v in ctx, len(ctx))

asyncio.run(main())
