# loop.subprocess_exec with a SubprocessProtocol: connection_made first, stdout and stderr data, the pipes' ends and process_exited, connection_lost last; returncode; the refused options.
import asyncio


class Recorder(asyncio.SubprocessProtocol):
    def __init__(self, done):
        self.done = done
        self.events = []
        self.data = {1: b"", 2: b""}
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        self.events.append("connection_made")

    def pipe_data_received(self, fd, data):
        self.data[fd] += data

    def pipe_connection_lost(self, fd, exc):
        self.events.append(f"pipe_connection_lost {fd} {exc}")

    def process_exited(self):
        self.events.append(f"process_exited {self.transport.get_returncode()}")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    transport, protocol = await loop.subprocess_exec(
        lambda: Recorder(done), "sh", "-c", "echo out; echo err >&2; exit 3")
    # The child may already have exited: only connection_made is sure to have run.
    print("returned:", protocol.events[0], transport.get_pid() > 0)
    print("stdin pipe:", transport.get_pipe_transport(0) is not None)
    await done
    first, *middle, last = protocol.events
    print(first, sorted(middle), last)
    print("data:", protocol.data[1], protocol.data[2])
    print("returncode:", transport.get_returncode())
    transport.close()

    for kwargs in [dict(universal_newlines=True), dict(shell=True), dict(bufsize=1),
                   dict(text=True), dict(encoding="utf-8"), dict(errors="strict")]:
        try:
            await loop.subprocess_exec(asyncio.SubprocessProtocol, "true", **kwargs)
        except ValueError as e:
            print("ValueError:", e)
    for cmd, kwargs in [(["ls"], {}), ("true", dict(shell=False))]:
        try:
            await loop.subprocess_shell(asyncio.SubprocessProtocol, cmd, **kwargs)
        except ValueError as e:
            print("ValueError:", e)


asyncio.run(main())
