# Ctrl-C while asyncio.run() runs: the main task is cancelled, then KeyboardInterrupt.
import asyncio
import signal


async def main():
    asyncio.get_running_loop().call_later(0.01, signal.raise_signal, signal.SIGINT)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main cancelled, cancelling:", asyncio.current_task().cancelling())
        raise
    finally:
        print("main finally")


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("KeyboardInterrupt")


async def stubborn():
    asyncio.get_running_loop().call_later(0.01, signal.raise_signal, signal.SIGINT)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn swallowed the cancellation")
    return "stubborn result"


print(asyncio.run(stubborn()))


async def shielded():
    asyncio.get_running_loop().call_later(0.01, signal.raise_signal, signal.SIGINT)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("uncancel:", asyncio.current_task().uncancel())
        await asyncio.sleep(0.01)
        raise


try:
    asyncio.run(shielded())
except KeyboardInterrupt:
    print("KeyboardInterrupt")
except asyncio.CancelledError:
    print("CancelledError")

with asyncio.Runner() as runner:
    print(runner.run(asyncio.sleep(0, "the runner works again")))
