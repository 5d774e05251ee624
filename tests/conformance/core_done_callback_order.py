# Done callbacks run in registration order, a waiting task's wakeup taking its place among them.
import asyncio


async def waiter(fut):
    print("waiter waiting")
    value = await fut
    print("waiter got", value)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("cb1", f.result()))
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: print("cb2", f.result()))
    fut.add_done_callback(lambda f: print("cb3", f.result()))
    loop.call_soon(print, "plain callback")
    fut.set_result("v")
    print("set_result returned")
    await t
    print("main done")


asyncio.run(main())
