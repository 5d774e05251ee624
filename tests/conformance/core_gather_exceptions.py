# gather: return_exceptions=True turns errors and cancellations into results; without it the first error propagates while siblings run on.
import asyncio


async def ok(d, v):
    await asyncio.sleep(d)
    print("ok finished", v)
    return v


async def boom(d, msg):
    await asyncio.sleep(d)
    print("boom raising", msg)
    raise ValueError(msg)


def describe(r):
    if isinstance(r, BaseException):
        return type(r).__name__ + ":" + (str(r) if not isinstance(r, asyncio.CancelledError) else "")
    return str(r)


async def main():
    victim = asyncio.create_task(asyncio.sleep(10))
    asyncio.get_running_loop().call_later(0.01, victim.cancel)
    results = await asyncio.gather(ok(0.06, "a"), boom(0.02, "b"), victim, ok(0.04, "c"),
                                   return_exceptions=True)
    print("return_exceptions", " ".join(describe(r) for r in results))

    slow = asyncio.create_task(ok(0.06, "slow sibling"))
    try:
        await asyncio.gather(boom(0.02, "first"), slow, boom(0.04, "second"))
    except ValueError as e:
        print("gather raised", str(e), "slow done", "yes" if slow.done() else "no")
    await asyncio.sleep(0.08)
    print("slow sibling result", slow.result())


asyncio.run(main())
