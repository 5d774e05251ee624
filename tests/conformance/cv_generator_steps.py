# Generator-style tasks: every step runs in the task's own context; a Token resets within it.
import asyncio, contextvars

depth = contextvars.ContextVar("depth", default=0)
log = []

async def worker(name, n):
    token = depth.set(n)
    log.append(f"{name} set {depth.get()}")
    await asyncio.sleep(0)
    log.append(f"{name} step2 {depth.get()}")
    depth.reset(token)
    log.append(f"{name} reset {depth.get()}")
    await asyncio.sleep(0)
    log.append(f"{name} step3 {depth.get()}")

async def main():
    depth.set(100)
    await asyncio.gather(worker("x", 1), worker("y", 2))
    log.append(f"main {depth.get()}")
    for line in log:
        print(line)

asyncio.run(main())
