# Runner with an empty outer context: its runs' main tasks share one context all the same (empty, whatever is set outside later), and a child copies it.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")
seen = []

async def quiet():
    seen.append(asyncio.current_task().get_context())
    return v.get()

async def peek():
    return v.get()

async def bump(label):
    seen.append(asyncio.current_task().get_context())
    print(label, "sees", v.get())
    v.set(label)
    child = asyncio.create_task(quiet())
    print(label, "child sees", await child)

with asyncio.Runner() as first:
    print("first run", first.run(peek()))
    token = v.set("outer")  # the first value set anywhere, outside the loop
    print("second run", first.run(peek()))
    v.reset(token)

with asyncio.Runner() as runner:
    print("quiet", runner.run(quiet()))
    runner.run(bump("run1"))
    runner.run(bump("run2"))
    print("one context", seen[0] is seen[1] and seen[1] is seen[3])
    print("child's own", seen[2] is not seen[1] and seen[4] is not seen[3])
    print("runner's context has", list(seen[0].values()))
print("outer", v.get())
print("asyncio.run", asyncio.run(quiet()))
