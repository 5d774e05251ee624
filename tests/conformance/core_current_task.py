# current_task() is the task whose step runs now, None in plain callbacks, and an error outside a running loop.
import asyncio


def name_of(t):
    return t.get_name() if t is not None else "None"


async def child():
    print("child sees", name_of(asyncio.current_task()))
    await asyncio.sleep(0)
    print("child after sleep sees", name_of(asyncio.current_task()))


async def main():
    me = asyncio.current_task()
    me.set_name("main")
    loop = asyncio.get_running_loop()
    print("main sees", name_of(me), "is itself", "yes" if asyncio.current_task() is me else "no")
    loop.call_soon(lambda: print("callback sees", name_of(asyncio.current_task())))
    t = asyncio.create_task(child(), name="child")
    t.add_done_callback(lambda f: print("done callback sees", name_of(asyncio.current_task())))
    await t
    print("main after await sees", name_of(asyncio.current_task()))
    print("current_task(loop) sees", name_of(asyncio.current_task(loop)))


asyncio.run(main())
try:
    asyncio.current_task()
except RuntimeError:
    print("outside a loop: RuntimeError")
