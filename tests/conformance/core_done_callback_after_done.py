# A done callback added to a finished future is scheduled with call_soon, behind what is already queued.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("before-done cb", f.result()))
    fut.set_result(7)
    loop.call_soon(print, "queued after set_result")
    fut.add_done_callback(lambda f: print("after-done cb", f.result()))
    loop.call_soon(print, "queued last")
    print("main continues")
    await asyncio.sleep(0)
    print("main after sleep 0")
    fut.add_done_callback(lambda f: print("late cb", f.result()))
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
