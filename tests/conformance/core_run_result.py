# asyncio.run returns the coroutine's value, raises its error, cancels leftover tasks, and refuses non-coroutines and nesting.
import asyncio


async def value():
    await asyncio.sleep(0.01)
    return 42


async def fails():
    await asyncio.sleep(0)
    raise ValueError("bad main")


async def background():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("background cancelled at shutdown")
        raise
    finally:
        print("background finally")


async def leaves_task():
    asyncio.create_task(background())
    await asyncio.sleep(0)
    print("leaves_task returning")
    return "main value"


async def nested():
    c = value()
    try:
        asyncio.run(c)
    except RuntimeError:
        print("nested run: RuntimeError")
    c.close()
    return "nested done"


print("run value", asyncio.run(value()))
try:
    asyncio.run(fails())
except ValueError as e:
    print("run raised", type(e).__name__, str(e))
print("run leaves_task", asyncio.run(leaves_task()))
try:
    asyncio.run(123)
except ValueError:
    print("run(123): ValueError")
print("run nested", asyncio.run(nested()))
try:
    asyncio.get_running_loop()
except RuntimeError:
    print("no running loop after run: RuntimeError")
