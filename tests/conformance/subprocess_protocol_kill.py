# loop.subprocess_exec: kill and terminate give negative return codes through process_exited; a child that exits before its output ends (process_exited first) and one that closes its output first; signals once finished are ProcessLookupError; pause_reading on a pipe transport.
import asyncio


class Recorder(asyncio.SubprocessProtocol):
    def __init__(self, done):
        self.done = done
        self.events = []
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def pipe_data_received(self, fd, data):
        self.events.append(f"data {fd} {data!r}")

    def pipe_connection_lost(self, fd, exc):
        self.events.append(f"pipe_connection_lost {fd} {exc}")

    def process_exited(self):
        self.events.append(f"process_exited {self.transport.get_returncode()}")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")
        self.done.set_result(None)


async def run(loop, stop, *args):
    done = loop.create_future()
    transport, protocol = await loop.subprocess_exec(
        lambda: Recorder(done), *args, stdin=None, stderr=asyncio.subprocess.DEVNULL)
    print("returncode while running:", transport.get_returncode())
    if stop is not None:
        getattr(transport, stop)()
    await done
    if stop is None:
        print(protocol.events)
    else:
        # The pipe's end and the exit come together: their order is the OS's.
        print(stop, sorted(protocol.events[:-1]), protocol.events[-1])
    try:
        transport.kill()
    except ProcessLookupError:
        print("kill after the end: ProcessLookupError")
    transport.close()


async def main():
    loop = asyncio.get_running_loop()
    await run(loop, "kill", "sleep", "30")
    await run(loop, "terminate", "sleep", "30")
    # The shell exits first; the sleep it left behind holds stdout open.
    await run(loop, None, "sh", "-c", "(sleep 0.2; echo late) & exit 7")
    # The child closes its stdout, then exits.
    await run(loop, None, "sh", "-c", "echo early; exec >&-; sleep 0.2; exit 4")

    done = loop.create_future()
    transport, protocol = await loop.subprocess_exec(
        lambda: Recorder(done), "sh", "-c", "sleep 0.1; echo one", stdin=None, stderr=None)
    stdout = transport.get_pipe_transport(1)
    print("reading:", stdout.is_reading())
    stdout.pause_reading()
    print("reading:", stdout.is_reading())
    await asyncio.sleep(0.4)
    print("paused:", protocol.events)
    stdout.resume_reading()
    await done
    print("resumed:", protocol.events[0], protocol.events[-1])
    transport.close()


asyncio.run(main())
