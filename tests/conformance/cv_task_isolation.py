# A task sees its parent's values at creation; what it sets is not seen by its parent or siblings.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")

async def child(name):
    print(name, "starts with", v.get())
    v.set(name)
    await asyncio.sleep(0)
    print(name, "after a step", v.get())
    await asyncio.sleep(0.01)
    print(name, "ends with", v.get())
    return v.get()

async def main():
    v.set("main")
    a = asyncio.create_task(child("a"))
    v.set("main2")
    b = asyncio.create_task(child("b"))
    print("gathered", await asyncio.gather(a, b))
    print("main still", v.get())

asyncio.run(main())
print("outside", v.get())
