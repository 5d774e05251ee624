// requires: 3.13
// Server.close_clients() closes each accepted connection once its buffer is sent; abort_clients() drops it; wait_closed() then returns.
import {
  type AbstractServer,
  coroutine,
  type EventLoop,
  type Future,
  gather,
  get_running_loop,
  Protocol,
  run,
  sleep,
  type Transport,
} from "../../mod.ts";
import "../../io.ts";

class Peer extends Protocol {
  received = 0;
  constructor(readonly name: string, readonly log: string[], readonly done: Future<void>) {
    super();
  }
  override data_received(data: Uint8Array): void {
    this.received += data.length;
  }
  override eof_received(): void {
    this.log.push(`${this.name}: eof after ${this.received} bytes`);
  }
  override connection_lost(error: Error | null): void {
    this.log.push(`${this.name}: connection_lost ${error ? error.name : "None"}`);
    this.done.set_result();
  }
}

class Greeter extends Protocol {
  override connection_made(transport: Transport): void {
    transport.write(new TextEncoder().encode("hello ".repeat(1000)));
  }
}

async function clients(loop: EventLoop, server: AbstractServer, log: string[], count: number) {
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const done: Future<void>[] = [];
  for (let i = 0; i < count; i++) {
    const fut = loop.create_future<void>();
    await loop.create_connection(() => new Peer(`client ${i}`, log, fut), "127.0.0.1", port);
    done.push(fut);
  }
  return done;
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  for (const how of ["close_clients", "abort_clients"] as const) {
    const log: string[] = [];
    const server = await loop.create_server(() => new Greeter(), "127.0.0.1", 0);
    const done = await clients(loop, server, log, 2);
    await sleep(0.05);
    server.close();
    server[how]();
    await server.wait_closed();
    await gather(...done);
    console.log(how, `[${log.sort().map((line) => `'${line}'`).join(", ")}]`);
  }
});

await run(main());
