# remove_done_callback removes every registration of a callback and returns how many it removed.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def a(f):
        print("a ran")

    def b(f):
        print("b ran")

    def never(f):
        print("never ran")

    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    fut.add_done_callback(never)
    fut.add_done_callback(a)
    print("remove a", fut.remove_done_callback(a))
    print("remove a again", fut.remove_done_callback(a))
    print("remove never", fut.remove_done_callback(never))
    print("remove unknown", fut.remove_done_callback(print))
    fut.add_done_callback(a)
    fut.set_result(None)
    print("remove b after done", fut.remove_done_callback(b))
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
