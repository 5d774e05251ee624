# run_until_complete: a done future still lets queued callbacks run one iteration; stop() before completion raises RuntimeError.
import asyncio


async def forever():
    print("forever started")
    await asyncio.sleep(10)


def main():
    loop = asyncio.new_event_loop()
    done = loop.create_future()
    done.set_result("already")
    loop.call_soon(print, "queued callback runs")
    print("done future ->", loop.run_until_complete(done))
    loop.call_later(0.01, loop.stop)
    try:
        loop.run_until_complete(forever())
    except RuntimeError as e:
        print("stopped early:", str(e))
    pending = [t for t in asyncio.all_tasks(loop)]
    print("tasks left", len(pending))
    for t in pending:
        t.cancel()
    loop.run_until_complete(asyncio.sleep(0))
    print("tasks left after cancel", len(asyncio.all_tasks(loop)))
    loop.close()


main()
