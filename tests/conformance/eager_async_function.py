# An eager async function runs up to its first await inside create_task, as the current task.
import asyncio

log = []

def cur():
    return asyncio.current_task().get_coro().__name__

async def child(ev):
    log.append(f"child step 1, current={cur()}")
    await ev.wait()
    log.append(f"child step 2, current={cur()}")
    return 5

async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    ev = asyncio.Event()
    t = asyncio.create_task(child(ev))
    log.append(f"after create_task, current={cur()} done={t.done()}")
    ev.set()
    log.append(f"result {await t}")
    for line in log:
        print(line)

asyncio.run(main())
