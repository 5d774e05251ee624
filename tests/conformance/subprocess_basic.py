# Subprocesses: exec and shell, pipes, communicate, exit codes, signals, a timeout.
import asyncio
import signal
from asyncio.subprocess import PIPE, STDOUT


async def main():
    proc = await asyncio.create_subprocess_exec("printf", "a\\nb\\n", stdout=PIPE)
    print(await proc.stdout.readline(), await proc.stdout.read(), await proc.wait(), proc.returncode)

    proc = await asyncio.create_subprocess_shell(
        "cat; echo oops >&2; exit 3", stdin=PIPE, stdout=PIPE, stderr=PIPE)
    print(await proc.communicate(b"fed"), proc.returncode)

    proc = await asyncio.create_subprocess_exec("wc", "-l", stdin=PIPE, stdout=PIPE)
    for i in range(3):
        proc.stdin.write(f"line {i}\n".encode())
    await proc.stdin.drain()
    proc.stdin.close()
    await proc.stdin.wait_closed()
    print((await proc.stdout.read()).strip(), await proc.wait())

    proc = await asyncio.create_subprocess_shell("echo out; echo err >&2", stdout=PIPE, stderr=STDOUT)
    out, err = await proc.communicate()
    print(sorted(out.split()), err)

    proc = await asyncio.create_subprocess_exec("sleep", "30")
    print("running:", proc.returncode)
    proc.terminate()
    print("terminated:", await proc.wait())
    proc = await asyncio.create_subprocess_exec("sleep", "30")
    proc.send_signal(signal.SIGINT)
    print("interrupted:", await proc.wait())

    proc = await asyncio.create_subprocess_exec("sleep", "30")
    try:
        await asyncio.wait_for(proc.wait(), 0.05)
    except TimeoutError:
        print("timed out; still running:", proc.returncode is None)
    proc.kill()
    print("killed:", await proc.wait())

    try:
        await asyncio.create_subprocess_exec("/nonexistent/program")
    except FileNotFoundError:
        print("not found")


asyncio.run(main())
