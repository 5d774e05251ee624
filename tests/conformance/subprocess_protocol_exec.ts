// loop.subprocess_exec with a SubprocessProtocol: connection_made first, stdout and stderr data, the pipes' ends and process_exited, connection_lost last; returncode; the refused options.
import {
  coroutine,
  type Future,
  get_running_loop,
  run,
  SubprocessProtocol,
  type SubprocessTransport,
  type SubprocessTransportOptions,
  ValueError,
} from "../../mod.ts";
import "../../io.ts";
import { pybool, pybytes, pylist } from "./_pyrepr.ts";

class Recorder extends SubprocessProtocol {
  events: string[] = [];
  data: Record<number, Uint8Array> = { 1: new Uint8Array(), 2: new Uint8Array() };
  transport: SubprocessTransport | null = null;
  constructor(readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: SubprocessTransport): void {
    this.transport = transport;
    this.events.push("connection_made");
  }
  override pipe_data_received(fd: number, data: Uint8Array): void {
    this.data[fd] = new Uint8Array([...this.data[fd], ...data]);
  }
  override pipe_connection_lost(fd: number, error: Error | null): void {
    this.events.push(`pipe_connection_lost ${fd} ${error ?? "None"}`);
  }
  override process_exited(): void {
    this.events.push(`process_exited ${this.transport!.get_returncode()}`);
  }
  override connection_lost(error: Error | null): void {
    this.events.push(`connection_lost ${error ?? "None"}`);
    this.done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const done = loop.create_future<void>();
  const [transport, protocol] = await loop.subprocess_exec(
    () => new Recorder(done),
    "sh",
    "-c",
    "echo out; echo err >&2; exit 3",
  );
  // The child may already have exited: only connection_made is sure to have run.
  console.log("returned:", protocol.events[0], pybool(transport.get_pid() > 0));
  console.log("stdin pipe:", pybool(transport.get_pipe_transport(0) !== null));
  await done;
  const [first, ...middle] = protocol.events;
  const last = middle.pop()!;
  console.log(first, pylist(middle.sort()), last);
  console.log("data:", pybytes(protocol.data[1]), pybytes(protocol.data[2]));
  console.log("returncode:", transport.get_returncode());
  transport.close();

  const refused: SubprocessTransportOptions[] = [
    { universal_newlines: true },
    { shell: true },
    { bufsize: 1 },
    { text: true },
    { encoding: "utf-8" },
    { errors: "strict" },
  ];
  for (const options of refused) {
    try {
      await loop.subprocess_exec(() => new SubprocessProtocol(), "true", options);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      console.log("ValueError:", e.message);
    }
  }
  const shells: [unknown, SubprocessTransportOptions][] = [[["ls"], {}], ["true", {
    shell: false,
  }]];
  for (const [cmd, options] of shells) {
    try {
      await loop.subprocess_shell(() => new SubprocessProtocol(), cmd as string, options);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      console.log("ValueError:", e.message);
    }
  }
});

await run(main());
