# Across awaits of outside work (a sleep here, a host timer in the port), each task keeps its own value.
import asyncio, contextvars, time

v = contextvars.ContextVar("v", default="unset")

async def outside_work(seconds):
    await asyncio.sleep(seconds)

async def worker(label, delay):
    v.set(label)
    await outside_work(delay)
    first = v.get()
    await asyncio.sleep(0)
    await outside_work(delay)
    return f"{label}: {first} {v.get()}"

async def main():
    v.set("main")
    results = await asyncio.gather(*(worker(f"w{i}", 0.002 * (5 - i)) for i in range(5)))
    for line in results:
        print(line)
    print("main", v.get())

asyncio.run(main())
