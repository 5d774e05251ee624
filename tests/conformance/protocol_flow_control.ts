// pause_writing and resume_writing at the water marks: a client writes more than the socket takes while the server has paused reading.
import {
  coroutine,
  type Future,
  get_running_loop,
  Protocol,
  run,
  sleep,
  type Transport,
  ValueError,
} from "../../mod.ts";
import "../../io.ts";
import { pybool } from "./_pyrepr.ts";

const SIZE = 32 * 1024 * 1024;
const tuple = ([low, high]: [number, number]) => `(${low}, ${high})`;
const list = (items: string[]) => `[${items.map((item) => `'${item}'`).join(", ")}]`;

class Slow extends Protocol {
  transport!: Transport;
  total = 0;
  constructor(readonly connected: Future<Slow>, readonly done: Future<number>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.transport = transport;
    transport.pause_reading();
    this.connected.set_result(this);
  }
  override data_received(data: Uint8Array): void {
    this.total += data.length;
    if (this.total === SIZE) this.done.set_result(this.total);
  }
}

class Writer extends Protocol {
  transport!: Transport;
  events: string[] = [];
  override connection_made(transport: Transport): void {
    this.transport = transport;
  }
  override pause_writing(): void {
    this.events.push("pause_writing");
    console.log(
      "client: pause_writing, buffered over high:",
      pybool(this.transport.get_write_buffer_size() > 64 * 1024),
    );
  }
  override resume_writing(): void {
    this.events.push("resume_writing");
    console.log(
      "client: resume_writing, buffered at most low:",
      pybool(this.transport.get_write_buffer_size() <= 16 * 1024),
    );
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const connected = loop.create_future<Slow>();
  const done = loop.create_future<number>();
  const server = await loop.create_server(() => new Slow(connected, done), "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [transport, protocol] = await loop.create_connection(() => new Writer(), "127.0.0.1", port);
  console.log("limits:", tuple(transport.get_write_buffer_limits()));
  transport.set_write_buffer_limits(64 * 1024);
  console.log("limits:", tuple(transport.get_write_buffer_limits()));
  const slow = await connected;
  console.log("server: is_reading", pybool(slow.transport.is_reading()));
  transport.write(new Uint8Array(SIZE).fill(0x78));
  console.log("after write: events", list(protocol.events));
  await sleep(0.05);
  console.log("still paused:", list(protocol.events));
  slow.transport.resume_reading();
  console.log("server: is_reading", pybool(slow.transport.is_reading()));
  console.log("server received:", await done);
  console.log("events:", list(protocol.events), "buffer:", transport.get_write_buffer_size());
  for (const [high, low] of [[100, null], [null, 10], [10, 2]] as const) {
    transport.set_write_buffer_limits(high, low);
    console.log("limits:", tuple(transport.get_write_buffer_limits()));
  }
  try {
    transport.set_write_buffer_limits(1, 2);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    console.log("ValueError:", error.message);
  }
  transport.close();
  slow.transport.close();
  server.close();
  await server.wait_closed();
});

await run(main());
