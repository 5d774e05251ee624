# Cancelling a woken reader or writer drops nothing: a retry gets item 1 / puts item 2; cancelled waiters leave the waiter lists.
import asyncio


async def main():
    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        print("reader cancelled, retrying")
        reader = asyncio.create_task(q.get())
        await reader
    print("reader got", reader.result(), "left", q.qsize())

    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print("took", q.get_nowait())
    writer.cancel()
    try:
        await writer
    except asyncio.CancelledError:
        print("writer cancelled, retrying")
        writer = asyncio.create_task(q.put(2))
        await writer
    print("took", q.get_nowait(), "left", q.qsize())

    q = asyncio.Queue(1)
    q.put_nowait(1)
    put_task = asyncio.create_task(q.put(1))
    get_q = asyncio.Queue()
    get_task = asyncio.create_task(get_q.get())
    await asyncio.sleep(0)
    print("waiting putters", len(q._putters), "waiting getters", len(get_q._getters))
    put_task.cancel()
    get_task.cancel()
    for t in (put_task, get_task):
        try:
            await t
        except asyncio.CancelledError:
            print("cancelled")
    print("waiting putters", len(q._putters), "waiting getters", len(get_q._getters))


asyncio.run(main())
