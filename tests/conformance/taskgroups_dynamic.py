# Tasks leave the group as they finish, children add tasks to their own group, and a hydra keeps growing until hercules fails (test_taskgroup_23/24/25).
import asyncio


async def job(delay):
    await asyncio.sleep(delay)


async def root(g, done):
    await asyncio.sleep(0.01)
    g.create_task(leaf(0.01, done))
    g.create_task(leaf(0.02, done))


async def leaf(delay, done):
    await asyncio.sleep(delay)
    done.append(str(delay))


async def main():
    async with asyncio.TaskGroup() as g:
        for count in range(6):
            await asyncio.sleep(0.03)
            g.create_task(job(0.075))
            print("after", count + 1, "creations:", len(g._tasks), "tasks in the group")
        await asyncio.sleep(0.09)
        print("at the end:", len(g._tasks))

    done = []
    async with asyncio.TaskGroup() as g:
        g.create_task(root(g, done))
    print("leaves done", ",".join(done))

    heads = 0

    async def hydra(g):
        nonlocal heads
        heads += 1
        await asyncio.sleep(0.01)
        g.create_task(hydra(g))
        g.create_task(hydra(g))

    async def hercules():
        while heads < 10:
            await asyncio.sleep(0.015)
        raise ValueError("cut")

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(hydra(g))
            g.create_task(hercules())
    except ExceptionGroup as eg:
        print(type(eg).__name__, [type(e).__name__ for e in eg.exceptions][0], "heads >= 10:", heads >= 10)


asyncio.run(main())
