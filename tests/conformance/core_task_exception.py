# A failing task: every awaiter gets the same error object, in registration order; exception() returns it.
import asyncio


class AppError(Exception):
    pass


async def failing():
    await asyncio.sleep(0.01)
    raise AppError("task failed")


async def awaiter(name, t, seen):
    try:
        await t
    except AppError as e:
        print(name, "got", type(e).__name__, str(e))
        seen.append(e)


async def main():
    t = asyncio.create_task(failing(), name="failing")
    seen = []
    t.add_done_callback(lambda f: print("done callback, exception", type(f.exception()).__name__))
    w1 = asyncio.create_task(awaiter("w1", t, seen))
    w2 = asyncio.create_task(awaiter("w2", t, seen))
    await w1
    await w2
    print("same object", "yes" if seen[0] is seen[1] is t.exception() else "no")
    print("done", "yes" if t.done() else "no", "cancelled", "yes" if t.cancelled() else "no")
    try:
        t.result()
    except AppError as e:
        print("result() raised", str(e))


asyncio.run(main())
