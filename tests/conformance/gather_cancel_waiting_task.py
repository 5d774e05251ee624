# Cancelling the task that awaits a gather cancels the gather and every child (test_cancellation_broadcast); the gather in a loop passes a cancel message through (test_cancel_gather_2); nested gathers cancel down the tree.
import asyncio

proof = 0


async def main():
    global proof
    loop = asyncio.get_running_loop()
    waiter = loop.create_future()

    async def inner():
        global proof
        await waiter
        proof += 1

    child1 = asyncio.ensure_future(inner())
    child2 = asyncio.ensure_future(inner())
    gatherer = None

    async def outer():
        global proof
        nonlocal gatherer
        gatherer = asyncio.gather(child1, child2)
        await gatherer
        proof += 100

    f = asyncio.ensure_future(outer())
    await asyncio.sleep(0)
    print("cancel outer ->", f.cancel())
    try:
        await f
    except asyncio.CancelledError:
        print("outer raised CancelledError")
    print("gatherer.cancel() ->", gatherer.cancel())
    print("waiter", waiter.cancelled(), "children", child1.cancelled(), child2.cancelled())
    await asyncio.sleep(0)
    print("proof", proof)

    async def looping():
        while True:
            await asyncio.gather(asyncio.sleep(0.01), return_exceptions=True)

    qwe = asyncio.create_task(looping())
    await asyncio.sleep(0.035)
    qwe.cancel("my message")
    try:
        await qwe
    except asyncio.CancelledError as e:
        print("looping raised CancelledError", repr(str(e)))

    leaves = [asyncio.create_task(asyncio.sleep(1)) for _ in range(3)]
    top = asyncio.gather(asyncio.gather(leaves[0], leaves[1]), leaves[2])
    await asyncio.sleep(0)
    print("top.cancel() ->", top.cancel("down"))
    try:
        await top
    except asyncio.CancelledError as e:
        print("top raised CancelledError", repr(str(e)))
    print("leaves", ",".join(str(t.cancelled()) for t in leaves))


asyncio.run(main())
