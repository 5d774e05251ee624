# wait(): FIRST_EXCEPTION returns on the first error (also one raised while waiting), else waits for all; cancellation does not count as an error.
import asyncio


class Boom(Exception):
    pass


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print("failing", name)
        raise Boom(name)
    print("finished", name)
    return name


def names(tasks):
    return ",".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    # an error that is already there
    bad = asyncio.create_task(work("bad", 0, fail=True), name="bad")
    await asyncio.sleep(0.001)
    slow = asyncio.create_task(work("slow", 0.02), name="slow")
    done, pending = await asyncio.wait([bad, slow], return_when=asyncio.FIRST_EXCEPTION)
    print("step1", names(done), "pending", names(pending), type(bad.exception()).__name__)
    # an error raised while waiting
    a = asyncio.create_task(work("a", 0.005), name="a")
    b = asyncio.create_task(work("b", 0.01, fail=True), name="b")
    c = asyncio.create_task(work("c", 0.05), name="c")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    print("step2", names(done), "pending", names(pending))
    # a cancelled task is not an error: wait goes on until all are done
    d = asyncio.create_task(work("d", 1), name="d")
    asyncio.get_running_loop().call_later(0.005, d.cancel)
    done, pending = await asyncio.wait([c, d, slow], return_when=asyncio.FIRST_EXCEPTION)
    print("step3", names(done), "pending", names(pending), "d cancelled", "yes" if d.cancelled() else "no")
    print("errors", str(b.exception()), str(bad.exception()))


asyncio.run(main())
