# A second cancel while the task awaits in its cleanup interrupts the cleanup at that await.
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("worker: first cancel, cleaning up")
        try:
            await asyncio.sleep(10)
            print("worker: cleanup finished (wrong)")
        except asyncio.CancelledError as e:
            print("worker: cleanup interrupted", repr(e.args[0]) if e.args else "''")
            raise
        raise


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    t.cancel("one")
    await asyncio.sleep(0.01)
    print("cancelling before second", t.cancelling())
    t.cancel("two")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main got", repr(e.args[0]) if e.args else "''", "cancelling", t.cancelling())


asyncio.run(main())
