# wait(): FIRST_COMPLETED and timeout return early, cancel nothing; a cancelled task counts as completed (generator style in TS).
import asyncio


async def work(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("cancelled", name)
        raise
    print("finished", name)
    return name


def yn(flag):
    return "yes" if flag else "no"


def names(tasks):
    return ",".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    a = asyncio.create_task(work("a", 0.01), name="a")
    b = asyncio.create_task(work("b", 0.03), name="b")
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print("first", names(done), "pending", names(pending), "b running", yn(not b.done()))
    done, pending = await asyncio.wait([b], timeout=0.01)
    print("timeout", names(done), "pending", names(pending), "b cancelled", yn(b.cancelled()))
    c = asyncio.create_task(work("c", 1), name="c")
    asyncio.get_running_loop().call_soon(c.cancel)
    done, pending = await asyncio.wait([b, c], return_when=asyncio.FIRST_COMPLETED)
    print("after cancel", names(done), "pending", names(pending))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print("already done", names(done), "pending", names(pending))
    done, pending = await asyncio.wait([b], timeout=None)
    print("all", names(done), "pending", names(pending), b.result())
    d = asyncio.create_task(work("d", 0.02), name="d")
    done, pending = await asyncio.wait([d], timeout=-1)
    print("negative timeout", names(done), "pending", names(pending))
    await d


asyncio.run(main())
