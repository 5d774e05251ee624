# shield(): results and errors pass through, cancelling the outer leaves the inner running, cancelling the inner cancels the outer.
import asyncio


def yn(flag):
    return "yes" if flag else "no"


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    inner.set_result(42)
    print("result", await outer)

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    inner.set_exception(KeyError("k"))
    try:
        await outer
    except KeyError:
        print("error passed", yn(outer.exception() is inner.exception()))

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    inner.cancel()
    await asyncio.sleep(0)
    print("inner cancelled -> outer cancelled", yn(outer.cancelled()))

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    outer.cancel()
    await asyncio.sleep(0)
    print("outer cancelled -> inner", "cancelled" if inner.cancelled() else "pending")
    inner.set_result("late")  # nobody listens any more

    fut = loop.create_future()
    fut.set_result(7)
    print("shortcut", yn(asyncio.shield(fut) is fut))

    # cancelling the awaiting task does not reach the shielded coroutine
    proof = []
    waiter = loop.create_future()

    async def inner_work():
        await waiter
        proof.append("inner")

    async def outer_work():
        await asyncio.shield(inner_work())
        proof.append("outer")

    t = asyncio.create_task(outer_work())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer task cancelled")
    waiter.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("proof", ",".join(proof))

    # shielding a gather keeps the children running
    child1 = loop.create_future()
    child2 = loop.create_future()
    parent = asyncio.gather(child1, child2)
    outer = asyncio.shield(parent)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    child1.set_result(1)
    child2.set_result(2)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("gather", yn(outer.cancelled()), ",".join(str(x) for x in parent.result()))

    # a coroutine is scheduled as a task and keeps running after the shield is cancelled
    async def job():
        await asyncio.sleep(0.02)
        print("job finished")
        return "job"

    outer = asyncio.shield(job())
    try:
        await asyncio.wait_for(outer, 0.01)
    except TimeoutError:
        print("waiting timed out", yn(outer.cancelled()))
    await asyncio.sleep(0.02)


asyncio.run(main())
