# TaskGroup waits for every task, including tasks created later in the body and a task cancelled by hand (test_taskgroup_01/02/03).
import asyncio


async def work(name, delay, value):
    print("start", name)
    await asyncio.sleep(delay)
    print("done", name)
    return value


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work("t1", 0.01, 42))
        t2 = tg.create_task(work("t2", 0.03, 11))
        print("body created t1 t2")
        await asyncio.sleep(0.02)
        print("body after sleep")
        t3 = tg.create_task(work("t3", 0.02, 7))
        t4 = tg.create_task(work("t4", 0.05, 0))
        await asyncio.sleep(0)
        t4.cancel()
        print("body end")
    print("group exited")
    print(f"results {t1.result()} {t2.result()} {t3.result()}")
    print("t4", "cancelled" if t4.cancelled() else "not cancelled")


asyncio.run(main())
