# loop.time() moves forward by at least the slept delay and timers fire no earlier than their when().
import asyncio

SLACK = 0.001


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(0.02)
    d = loop.time() - t0
    print("sleep 0.02", "ok" if 0.02 - SLACK <= d < 1 else "bad")
    fired = loop.create_future()
    h = loop.call_later(0.03, lambda: fired.set_result(loop.time()))
    print("when", "ok" if h.when() >= t0 + 0.02 + 0.03 - SLACK else "bad")
    at = await fired
    print("fired after when", "ok" if at >= h.when() - SLACK else "bad")
    t1 = loop.time()
    await asyncio.sleep(0)
    print("sleep 0", "ok" if 0 <= loop.time() - t1 < 1 else "bad")
    print("monotonic", "ok" if loop.time() >= t1 >= t0 else "bad")


asyncio.run(main())
