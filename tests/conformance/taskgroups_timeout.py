# A TaskGroup inside asyncio.timeout(): expiry cancels the children and becomes TimeoutError; a child failing first gives the ExceptionGroup; cancelling() bookkeeping of both context managers together.
import asyncio

log = []


async def child(n):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log.append(f"child {n} cancelled")
        raise


async def bad():
    await asyncio.sleep(0.01)
    raise RuntimeError("bad")


async def main():
    task = asyncio.current_task()
    try:
        async with asyncio.timeout(0.02):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child(1))
                tg.create_task(child(2))
    except TimeoutError as e:
        print("expired:", type(e).__name__, "cause", type(e.__cause__).__name__, "cancelling()", task.cancelling())
    print(";".join(sorted(log)))
    log.clear()

    try:
        async with asyncio.timeout(0.05):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(bad())
                tg.create_task(child(3))
    except ExceptionGroup as eg:
        # (cancelling() here differs between CPython 3.12 patch releases: not printed.)
        print("failed first:", ",".join(type(e).__name__ for e in eg.exceptions))
    print(";".join(sorted(log)))


asyncio.run(main())
