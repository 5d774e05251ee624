# stop() from a task step lets the rest of that iteration run (other tasks, callbacks) before run_forever returns.
import asyncio


async def stopper(loop):
    await asyncio.sleep(0)
    print("stopper: stop")
    loop.stop()
    await asyncio.sleep(0)
    print("stopper resumed in the next run")


async def worker(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)


def main():
    loop = asyncio.new_event_loop()
    s = loop.create_task(stopper(loop))
    a = loop.create_task(worker("a"))
    loop.call_soon(print, "callback 1")
    b = loop.create_task(worker("b"))
    loop.run_forever()
    print("run_forever returned")
    loop.run_until_complete(asyncio.gather(s, a, b))
    print("all done")
    loop.close()


main()
