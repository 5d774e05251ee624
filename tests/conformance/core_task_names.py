# Explicit task names, set_name (any value becomes a string), and the default Task-<n> form.
import asyncio


async def report():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    a = asyncio.create_task(report(), name="alpha")
    b = asyncio.create_task(report())
    print("a", a.get_name())
    print("b default form", "yes" if b.get_name().startswith("Task-") and b.get_name()[5:].isdigit() else "no")
    b.set_name("beta")
    print("b renamed", b.get_name())
    c = asyncio.create_task(report(), name="gamma")
    c.set_name(123)
    print("c renamed from int", c.get_name(), type(c.get_name()).__name__)
    print("reported", await a, await b, await c)
    a.set_name("alpha-after-done")
    print("rename after done", a.get_name())


asyncio.run(main())
