# Eager tasks: the first step runs inside create_task, as the current task; a task that finishes there is done at once.
import asyncio

log = []

async def quick(name):
    log.append(f"{name} runs, current={asyncio.current_task().get_coro().__name__}, in all_tasks={asyncio.current_task() in asyncio.all_tasks()}")
    return name

async def slow(name):
    log.append(f"{name} step 1, current={asyncio.current_task().get_coro().__name__}")
    await asyncio.sleep(0)
    log.append(f"{name} step 2, current={asyncio.current_task().get_coro().__name__}")
    return name

async def main():
    loop = asyncio.get_running_loop()
    asyncio.current_task().set_name("main")
    loop.set_task_factory(asyncio.eager_task_factory)
    loop.call_soon(lambda: log.append("callback scheduled before"))
    t1 = asyncio.create_task(quick("q"))
    log.append(f"after q: done={t1.done()} result={t1.result()} current={asyncio.current_task().get_coro().__name__}")
    t2 = asyncio.create_task(slow("s"))
    log.append(f"after s: done={t2.done()} current={asyncio.current_task().get_coro().__name__} all={sorted(t.get_coro().__name__ for t in asyncio.all_tasks())}")
    loop.call_soon(lambda: log.append("callback scheduled after"))
    t1.add_done_callback(lambda t: log.append("q done callback"))
    await t2
    log.append("main end")
    for line in log:
        print(line)

asyncio.run(main())
