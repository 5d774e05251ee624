# all_tasks() holds the loop's unfinished tasks: new ones count at once, finished or cancelled ones drop out.
import asyncio


async def napper(d):
    await asyncio.sleep(d)


def names():
    return ",".join(sorted(t.get_name() for t in asyncio.all_tasks()))


async def main():
    asyncio.current_task().set_name("main")
    print("start", len(asyncio.all_tasks()), names())
    a = asyncio.create_task(napper(0.01), name="a")
    b = asyncio.create_task(napper(0.05), name="b")
    c = asyncio.create_task(napper(0.1), name="c")
    print("created", len(asyncio.all_tasks()), names())
    print("main included", "yes" if asyncio.current_task() in asyncio.all_tasks() else "no")
    await a
    print("after a", len(asyncio.all_tasks()), names())
    c.cancel()
    print("c cancel requested", len(asyncio.all_tasks()), names())
    await asyncio.sleep(0)
    print("c cancelled", len(asyncio.all_tasks()), names())
    await b
    print("end", len(asyncio.all_tasks()), names())
    print("all_tasks(loop)", len(asyncio.all_tasks(asyncio.get_running_loop())))


asyncio.run(main())
