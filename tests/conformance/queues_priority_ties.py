# PriorityQueue with equal priorities: items come out in exactly heapq's order (here via __lt__ on the priority alone).
import asyncio


class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority


async def main():
    q = asyncio.PriorityQueue()
    names = "abcdefghijklmnopqrst"
    for i, name in enumerate(names):
        q.put_nowait(Job((i * 7) % 3, name))
    out = []
    while q.qsize() > 5:
        job = await q.get()
        out.append(f"{job.priority}{job.name}")
    for i, name in enumerate("UVWXYZ"):
        q.put_nowait(Job(i % 2, name))
    while not q.empty():
        job = q.get_nowait()
        out.append(f"{job.priority}{job.name}")
    print(" ".join(out))


asyncio.run(main())
