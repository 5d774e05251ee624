# as_completed(): completion order, errors raised when awaited, timeout raises for the rest, reverse awaiting, duplicates.
import asyncio


async def sleeper(delay, name, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise KeyError(name)
    return name


async def main():
    loop = asyncio.get_running_loop()
    done_already = loop.create_future()
    done_already.set_result("ready")
    order = []
    for f in asyncio.as_completed([sleeper(0.03, "c"), sleeper(0.01, "a"), done_already,
                                   sleeper(0.02, "b", fail=True)]):
        try:
            order.append(await f)
        except KeyError as e:
            order.append("error " + e.args[0])
    print("order", ",".join(order))

    a = asyncio.create_task(sleeper(0.01, "a"))
    b = asyncio.create_task(sleeper(0.05, "b"))
    results = []
    for f in asyncio.as_completed([a, b], timeout=0.03):
        try:
            results.append(await f)
        except TimeoutError as e:
            results.append(type(e).__name__)
    print("with timeout", ",".join(results), "b cancelled", "yes" if b.cancelled() else "no")
    print("b still finishes", await b)

    for f in asyncio.as_completed([sleeper(0.01, "x")], timeout=1):
        print("unused timeout", await f)

    futs = list(asyncio.as_completed({sleeper(0.02, "second"), sleeper(0.01, "first")}))
    print("reverse", await futs[1], await futs[0])

    futs = list(asyncio.as_completed([sleeper(0.01, "p"), sleeper(0.01, "q")]))
    done, pending = await asyncio.wait([asyncio.ensure_future(f) for f in futs])
    print("concurrent", ",".join(sorted(f.result() for f in done)), len(pending))

    c = sleeper(0, "ham")
    got = []
    for f in asyncio.as_completed([c, c, sleeper(0.01, "spam")]):
        got.append(await f)
    print("duplicates", ",".join(got))

    print("empty", len(list(asyncio.as_completed([]))))

    # the timeout error is raised by each of the remaining awaits
    slow = [asyncio.create_task(sleeper(1, n)) for n in ("s1", "s2", "s3")]
    count = 0
    for f in asyncio.as_completed(slow, timeout=0.01):
        try:
            await f
        except TimeoutError:
            count += 1
    print("timeouts", count)
    for t in slow:
        t.cancel()


asyncio.run(main())
