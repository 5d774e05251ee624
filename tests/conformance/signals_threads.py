# Signal handlers run on the loop; to_thread and run_in_executor compute off the loop.
import asyncio
import os
import signal


def total(numbers):
    return sum(numbers)


def fail(message):
    raise ValueError(message)


async def main():
    loop = asyncio.get_running_loop()
    got = asyncio.Event()

    def on_signal(name):
        print("signal", name, "in a task:", asyncio.current_task() is not None)
        got.set()

    loop.add_signal_handler(signal.SIGUSR1, on_signal, "USR1")
    os.kill(os.getpid(), signal.SIGUSR1)
    await got.wait()
    print("removed:", loop.remove_signal_handler(signal.SIGUSR1), loop.remove_signal_handler(signal.SIGUSR1))
    try:
        loop.add_signal_handler(signal.SIGKILL, on_signal, "KILL")
    except RuntimeError as e:
        print("RuntimeError:", e)

    print(await asyncio.to_thread(total, [1, 2, 3]))
    print(await asyncio.gather(*(loop.run_in_executor(None, total, range(n)) for n in (10, 100))))
    try:
        await asyncio.to_thread(fail, "from a thread")
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
