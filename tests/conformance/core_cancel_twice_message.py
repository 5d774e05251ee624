# Two cancels before the task runs: the message of the first one reaches the coroutine; cancelling() counts both.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim got", repr(e.args[0]) if e.args else "''", "cancelling", asyncio.current_task().cancelling())
        raise


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel("second")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main got", repr(e.args[0]) if e.args else "''")


asyncio.run(main())
