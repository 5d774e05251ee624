# Awaiting a coroutine (or a helper that awaits) runs it inline in the awaiting task: same current_task, no new task.
import asyncio


def who():
    t = asyncio.current_task()
    return t.get_name() if t is not None else "None"


async def leaf(label):
    print(label, "in", who())
    await asyncio.sleep(0)
    print(label, "after sleep in", who())
    return label


async def helper():
    # the TS port writes this as a plain async function, not wrapped by coroutine()
    print("helper in", who())
    v = await leaf("leaf-via-helper")
    return "helper:" + v


async def outer():
    before = len(asyncio.all_tasks())
    r1 = await leaf("leaf-direct")
    r2 = await helper()
    after = len(asyncio.all_tasks())
    print("results", r1, r2, "task count unchanged", "yes" if before == after else "no")


async def bystander():
    for i in range(4):
        print("bystander", i, "in", who())
        await asyncio.sleep(0)


async def main():
    asyncio.current_task().set_name("main")
    t = asyncio.create_task(outer(), name="outer-task")
    b = asyncio.create_task(bystander(), name="bystander")
    await t
    await b
    print("main is", who())


asyncio.run(main())
