# Cancelling a sleeping task throws CancelledError at its sleep; the awaiter sees CancelledError and the task is cancelled.
import asyncio


async def sleeper():
    print("sleeper start")
    try:
        await asyncio.sleep(10)
        print("sleeper woke (wrong)")
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise
    finally:
        print("sleeper finally")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.01)
    print("cancel returned", "yes" if t.cancel() else "no")
    print("done right after cancel", "yes" if t.done() else "no")
    try:
        await t
    except asyncio.CancelledError:
        print("main saw CancelledError")
    print("cancelled", "yes" if t.cancelled() else "no", "done", "yes" if t.done() else "no")


asyncio.run(main())
