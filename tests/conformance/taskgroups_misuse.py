# TaskGroup misuse is a RuntimeError with CPython's message: not entered, entered twice, finished, shutting down; create_task names tasks (test_taskgroup_task_name, _already_entered, _double_enter, _finished, _not_entered, _no_create_task_after_failure).
import asyncio


def show(label, e):
    print(label, f"{type(e).__name__}: {e}")


async def crash():
    await asyncio.sleep(0.01)
    raise ValueError("crash")


async def main():
    tg = asyncio.TaskGroup()
    print("fresh", repr(tg))
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        show("not entered", e)
    coro.close()  # CPython 3.13 closes it itself; closing twice is fine

    async with tg:
        t = tg.create_task(asyncio.sleep(0), name="yolo")
        print("name", t.get_name(), repr(tg))
        try:
            async with tg:
                pass
        except RuntimeError as e:
            show("inside", e)
    print("after", repr(tg))

    try:
        async with tg:
            pass
    except RuntimeError as e:
        show("again", e)

    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        show("finished", e)
    coro.close()  # CPython 3.13 closes it itself; closing twice is fine

    async def bystander(g):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            c = asyncio.sleep(0)
            try:
                g.create_task(c)
            except RuntimeError as e:
                show("shutting down", e)
            c.close()
            raise

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(crash())
            g.create_task(bystander(g))
    except ExceptionGroup as eg:
        print("group", ",".join(type(e).__name__ for e in eg.exceptions))


asyncio.run(main())
