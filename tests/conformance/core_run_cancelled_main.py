# asyncio.run raises CancelledError when the main task ends cancelled, and the next run works normally.
import asyncio


async def self_cancel():
    asyncio.current_task().cancel()
    await asyncio.sleep(0)
    print("not reached")


async def fine():
    return "fine"


try:
    asyncio.run(self_cancel())
except asyncio.CancelledError:
    print("run raised CancelledError")
print("next run", asyncio.run(fine()))
