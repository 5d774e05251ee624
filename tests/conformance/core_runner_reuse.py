# One Runner runs several coroutines on the same loop; a task left by the first run keeps going in the second; close cancels the rest.
import asyncio


async def background():
    try:
        for i in range(100):
            print("background", i)
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("background cancelled by close")
        raise


async def first():
    asyncio.create_task(background(), name="bg")
    for _ in range(2):
        await asyncio.sleep(0)
    return asyncio.get_running_loop()


async def second():
    await asyncio.sleep(0)
    return asyncio.get_running_loop()


with asyncio.Runner() as runner:
    loop1 = runner.run(first())
    print("first run returned")
    loop2 = runner.run(second())
    print("same loop", "yes" if loop1 is loop2 is runner.get_loop() else "no")
print("runner closed, loop closed", "yes" if loop1.is_closed() else "no")
