// loop.subprocess_exec: kill and terminate give negative return codes through process_exited; a child that exits before its output ends (process_exited first) and one that closes its output first; signals once finished are ProcessLookupError; pause_reading on a pipe transport.
import {
  coroutine,
  type EventLoop,
  type Future,
  get_running_loop,
  ProcessLookupError,
  run,
  sleep,
  SubprocessProtocol,
  type SubprocessTransport,
} from "../../mod.ts";
import { DEVNULL } from "../../io.ts";
import { pybool, pybytes, pylist } from "./_pyrepr.ts";

class Recorder extends SubprocessProtocol {
  events: string[] = [];
  transport: SubprocessTransport | null = null;
  constructor(readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: SubprocessTransport): void {
    this.transport = transport;
  }
  override pipe_data_received(fd: number, data: Uint8Array): void {
    this.events.push(`data ${fd} ${pybytes(data)}`);
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

async function run_one(loop: EventLoop, stop: "kill" | "terminate" | null, ...args: string[]) {
  const done = loop.create_future<void>();
  const [transport, protocol] = await loop.subprocess_exec(
    () => new Recorder(done),
    args[0],
    ...args.slice(1),
    { stdin: null, stderr: DEVNULL },
  );
  console.log("returncode while running:", transport.get_returncode() ?? "None");
  if (stop !== null) transport[stop]();
  await done;
  if (stop === null) {
    console.log(pylist(protocol.events));
  } else {
    // The pipe's end and the exit come together: their order is the OS's.
    const events = protocol.events;
    console.log(stop, pylist(events.slice(0, -1).sort()), events[events.length - 1]);
  }
  try {
    transport.kill();
  } catch (e) {
    if (!(e instanceof ProcessLookupError)) throw e;
    console.log("kill after the end: ProcessLookupError");
  }
  transport.close();
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  await run_one(loop, "kill", "sleep", "30");
  await run_one(loop, "terminate", "sleep", "30");
  // The shell exits first; the sleep it left behind holds stdout open.
  await run_one(loop, null, "sh", "-c", "(sleep 0.2; echo late) & exit 7");
  // The child closes its stdout, then exits.
  await run_one(loop, null, "sh", "-c", "echo early; exec >&-; sleep 0.2; exit 4");

  const done = loop.create_future<void>();
  const [transport, protocol] = await loop.subprocess_exec(
    () => new Recorder(done),
    "sh",
    "-c",
    "sleep 0.1; echo one",
    { stdin: null, stderr: null },
  );
  const stdout = transport.get_pipe_transport(1)!;
  console.log("reading:", pybool(stdout.is_reading()));
  stdout.pause_reading();
  console.log("reading:", pybool(stdout.is_reading()));
  await sleep(0.4);
  console.log("paused:", pylist(protocol.events));
  stdout.resume_reading();
  await done;
  console.log("resumed:", protocol.events[0], protocol.events[protocol.events.length - 1]);
  transport.close();
});

await run(main());
