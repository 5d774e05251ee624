# Awaiting a future that belongs to another loop throws RuntimeError into the awaiting coroutine.
import asyncio


async def main():
    other = asyncio.new_event_loop()
    fut = other.create_future()
    try:
        await fut
    except RuntimeError:
        print("await foreign future: RuntimeError")
    try:
        asyncio.ensure_future(fut, loop=asyncio.get_running_loop())
    except ValueError:
        print("ensure_future with another loop: ValueError")
    other.close()
    print("main done")


asyncio.run(main())
