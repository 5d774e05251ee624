# run_forever stops at the end of the iteration in which stop() was called, from a callback or from a coroutine.
import asyncio


async def stopper(loop):
    print("stopper sleeping")
    await asyncio.sleep(0.01)
    print("stopper calls stop")
    loop.stop()
    print("stopper after stop")
    return "stopper result"


async def slow():
    await asyncio.sleep(0.05)
    print("slow finished")
    return "slow result"


def main():
    loop = asyncio.new_event_loop()
    loop.call_soon(print, "a")
    loop.call_soon(loop.stop)
    loop.call_soon(print, "b, same iteration as stop")
    loop.call_soon(lambda: loop.call_soon(print, "c, queued for the next iteration"))
    loop.run_forever()
    print("first run_forever returned")
    loop.stop()
    loop.run_forever()
    print("stop before run_forever: one iteration ran")
    t = loop.create_task(stopper(loop))
    s = loop.create_task(slow())
    loop.run_forever()
    print("second run_forever returned, stopper done", "yes" if t.done() else "no",
          "slow done", "yes" if s.done() else "no")
    print("stopper ->", t.result())
    print("slow ->", loop.run_until_complete(s))
    loop.close()


main()
