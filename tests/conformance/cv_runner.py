# Runner: every run() shares the runner's context (a copy made at its first run), unless given one; asyncio.run copies the caller's.
import asyncio, contextvars

v = contextvars.ContextVar("v", default="unset")

async def bump(label):
    print(label, "sees", v.get())
    v.set(label)
    return v.get()

v.set("outer")
with asyncio.Runner() as runner:
    runner.run(bump("run1"))
    runner.run(bump("run2"))
    ctx = contextvars.Context()
    runner.run(bump("run3"), context=ctx)
    print("ctx got", ctx[v])
    runner.run(bump("run4"))
print("outer", v.get())
asyncio.run(bump("asyncio.run"))
print("outer", v.get())
