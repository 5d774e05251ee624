# The ExceptionGroup a TaskGroup raises: message, str, exceptions, split/subgroup by type and predicate through nested groups, derive, and BaseExceptionGroup when a base error is inside (test_taskgroup_20a/21a analogues).
import asyncio


def describe(e):
    if e is None:
        return "None"
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}({e.message!r})[{', '.join(describe(x) for x in e.exceptions)}]"
    return f"{type(e).__name__}({e})"


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(0.01, ValueError("inner value")))
        tg.create_task(fail(0.1, TypeError("inner type")))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.2, ValueError("outer value")))
            tg.create_task(inner_group())
            try:
                await asyncio.sleep(1)
            finally:
                raise RuntimeError("body")
    except ExceptionGroup as eg:
        group = eg
    print("str:", str(group))
    print("message:", group.message)
    print("count:", len(group.exceptions))
    print("all:", describe(group))
    match, rest = group.split(ValueError)
    print("split ValueError:", describe(match), "|", describe(rest))
    match, rest = group.split((TypeError, RuntimeError))
    print("split (TypeError, RuntimeError):", describe(match), "|", describe(rest))
    print("subgroup predicate:", describe(group.subgroup(lambda e: "inner" in str(e) and not isinstance(e, BaseExceptionGroup))))
    print("subgroup nothing:", describe(group.subgroup(LookupError)))
    print("subgroup whole is group:", group.subgroup(lambda e: True) is group)
    print("derive:", describe(group.derive([LookupError("k")])))

    async def base_body():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.01, ValueError("child")))
            try:
                await asyncio.sleep(1)
            finally:
                raise BaseExceptionGroup("base", [asyncio.CancelledError("inside")])

    try:
        await base_body()
    except BaseExceptionGroup as beg:
        print("base:", describe(beg))
        cancelled, ordinary = beg.split(asyncio.CancelledError)
        print("base split:", describe(cancelled), "|", describe(ordinary))


asyncio.run(main())
