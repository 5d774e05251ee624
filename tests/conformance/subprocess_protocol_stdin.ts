// loop.subprocess_shell: write and write_eof on the stdin pipe transport; the child answers only after the end of its input, so stdin's pipe_connection_lost comes before the data; the buffer, process_exited, connection_lost last.
import { coroutine, type Future, get_running_loop, run, SubprocessProtocol } from "../../mod.ts";
import { DEVNULL } from "../../io.ts";
import { pybool, pybytes, pylist } from "./_pyrepr.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

class Recorder extends SubprocessProtocol {
  events: string[] = [];
  constructor(readonly done: Future<void>) {
    super();
  }
  override connection_made(): void {
    this.events.push("connection_made");
  }
  override pipe_data_received(fd: number, data: Uint8Array): void {
    this.events.push(`data ${fd} ${pybytes(data)}`);
  }
  override pipe_connection_lost(fd: number, error: Error | null): void {
    this.events.push(`pipe_connection_lost ${fd} ${error ?? "None"}`);
  }
  override process_exited(): void {
    this.events.push("process_exited");
  }
  override connection_lost(error: Error | null): void {
    this.events.push(`connection_lost ${error ?? "None"}`);
    this.done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const done = loop.create_future<void>();
  const [transport, protocol] = await loop.subprocess_shell(
    () => new Recorder(done),
    'x=$(cat); echo "got $x"; exit 5',
    { stderr: DEVNULL },
  );
  console.log("stderr pipe:", transport.get_pipe_transport(2) ?? "None");
  const stdin = transport.get_pipe_transport(0)!;
  console.log(
    "can_write_eof:",
    pybool(stdin.can_write_eof()),
    "closing:",
    pybool(stdin.is_closing()),
  );
  stdin.write(bytes("hello "));
  stdin.writelines([bytes("wor"), bytes("ld")]);
  stdin.write_eof();
  console.log("after write_eof, closing:", pybool(stdin.is_closing()));
  await done;
  const events = protocol.events;
  console.log(pylist(events.slice(0, 3)));
  console.log(pylist(events.slice(3, -1).sort()), events[events.length - 1]);
  console.log(
    "returncode:",
    transport.get_returncode(),
    "closing:",
    pybool(transport.is_closing()),
  );
  transport.close();
  console.log("closing:", pybool(transport.is_closing()));
});

await run(main());
