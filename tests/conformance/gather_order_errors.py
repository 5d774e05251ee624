# gather: results in argument order whatever the completion order; the first error propagates while the other children keep running, and their later errors are marked retrieved (GatherTestsBase test_success/test_one_exception, test_exception_marking).
import asyncio


async def child(name, delay, fail=False):
    print("start", name)
    await asyncio.sleep(delay)
    if fail:
        print("fail", name)
        raise ValueError(name)
    print("done", name)
    return name.upper()


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(child("a", 0.03), child("b", 0.01), child("c", 0.02))
    print("results", ",".join(results))

    slow = asyncio.create_task(child("slow", 0.15))
    later = asyncio.create_task(child("later", 0.1, fail=True))
    outer = asyncio.gather(child("first", 0.01, fail=True), slow, later)
    try:
        await outer
    except ValueError as e:
        print("gather raised", type(e).__name__, e)
    print("outer done", outer.done(), "slow done", slow.done(), "later done", later.done())
    print("slow result", await slow)
    print("later error", type(later.exception()).__name__, later.exception())
    print("outer exception is first", str(outer.exception()))


asyncio.run(main())
