# New tasks start on the next iteration in creation order, interleaved with call_soon callbacks; the creator runs on until it awaits.
import asyncio


async def child(name):
    print("start", name)
    if name == "t1":
        asyncio.create_task(child("t1-kid"))
        print("t1 made t1-kid")
    await asyncio.sleep(0)
    print("end", name)


async def main():
    loop = asyncio.get_running_loop()
    t1 = asyncio.create_task(child("t1"))
    loop.call_soon(print, "callback 1")
    t2 = asyncio.create_task(child("t2"))
    loop.call_soon(print, "callback 2")
    print("main before await")
    await asyncio.sleep(0)
    print("main after sleep 0")
    await t1
    print("main awaited t1")
    await t2
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
