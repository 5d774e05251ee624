# gather() with no awaitables is a finished Future of []; the same coroutine or future passed twice is wrapped once and its result repeated; children start in argument order (test_constructor_empty_sequence_use_running_loop, test_duplicate_coroutines).
import asyncio

runs = []


async def coro(s):
    runs.append(s)
    await asyncio.sleep(0)
    return s


async def main():
    empty = asyncio.gather()
    print("empty done", empty.done(), "result", len(empty.result()))
    print("empty awaited", len(await empty))

    c = coro("abc")
    before = len(asyncio.all_tasks())
    g = asyncio.gather(c, c, coro("def"), c)
    print("new tasks", len(asyncio.all_tasks()) - before)
    print("results", ",".join(await g))
    print("runs", ",".join(runs))

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "f")
    print("same future", ",".join(await asyncio.gather(fut, fut, fut)))

    t = asyncio.create_task(coro("task"))
    print("task twice", ",".join(await asyncio.gather(t, coro("x"), t)))


asyncio.run(main())
