# loop.subprocess_shell: write and write_eof on the stdin pipe transport; the child answers only after the end of its input, so stdin's pipe_connection_lost comes before the data; the buffer, process_exited, connection_lost last.
import asyncio


class Recorder(asyncio.SubprocessProtocol):
    def __init__(self, done):
        self.done = done
        self.events = []

    def connection_made(self, transport):
        self.events.append("connection_made")

    def pipe_data_received(self, fd, data):
        self.events.append(f"data {fd} {data!r}")

    def pipe_connection_lost(self, fd, exc):
        self.events.append(f"pipe_connection_lost {fd} {exc}")

    def process_exited(self):
        self.events.append("process_exited")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    transport, protocol = await loop.subprocess_shell(
        lambda: Recorder(done), 'x=$(cat); echo "got $x"; exit 5', stderr=asyncio.subprocess.DEVNULL)
    print("stderr pipe:", transport.get_pipe_transport(2))
    stdin = transport.get_pipe_transport(0)
    print("can_write_eof:", stdin.can_write_eof(), "closing:", stdin.is_closing())
    stdin.write(b"hello ")
    stdin.writelines([b"wor", b"ld"])
    stdin.write_eof()
    print("after write_eof, closing:", stdin.is_closing())
    await done
    events = protocol.events
    print(events[:3])
    print(sorted(events[3:-1]), events[-1])
    print("returncode:", transport.get_returncode(), "closing:", transport.is_closing())
    transport.close()
    print("closing:", transport.is_closing())


asyncio.run(main())
