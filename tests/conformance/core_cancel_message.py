# The cancel message reaches the cancelled coroutine and the task's awaiter; no message gives an empty one.
import asyncio


def msg(e):
    return repr(e.args[0]) if e.args else "''"


async def victim(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(name, "inside got", msg(e))
        raise


async def main():
    for name, message in [("with-msg", "stop now"), ("no-msg", None)]:
        t = asyncio.create_task(victim(name))
        await asyncio.sleep(0)
        if message is None:
            t.cancel()
        else:
            t.cancel(message)
        try:
            await t
        except asyncio.CancelledError as e:
            print(name, "awaiter got", msg(e))
        try:
            t.result()
        except asyncio.CancelledError as e:
            print(name, "result() got", msg(e))
    fut = asyncio.get_running_loop().create_future()
    fut.cancel("future msg")
    try:
        await fut
    except asyncio.CancelledError as e:
        print("future awaiter got", msg(e))


asyncio.run(main())
