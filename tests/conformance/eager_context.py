# Eager start: Task(coro, eager_start=True) runs at once only on a running loop; the first step runs in the task's own copied context.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")
log = []

async def child(label):
    log.append(f"{label} sees {v.get()}")
    v.set(label)
    await asyncio.sleep(0)
    log.append(f"{label} step 2 sees {v.get()}")
    return label

async def main():
    loop = asyncio.get_running_loop()
    v.set("main")
    t = asyncio.Task(child("direct"), loop=loop, eager_start=True)
    log.append(f"after Task(): main sees {v.get()}")
    ctx = contextvars.Context()
    t2 = asyncio.Task(child("in ctx"), loop=loop, eager_start=True, context=ctx)
    log.append(f"ctx holds {ctx.get(v)}")
    v.set("main2")
    await asyncio.gather(t, t2)
    log.append(f"main ends with {v.get()}")

loop = asyncio.new_event_loop()
loop.set_task_factory(asyncio.eager_task_factory)
v.set("top")
pending = loop.create_task(child("not running"))
log.append(f"loop not running: done={pending.done()}")
loop.run_until_complete(pending)
loop.run_until_complete(main())
loop.close()
for line in log:
    print(line)
