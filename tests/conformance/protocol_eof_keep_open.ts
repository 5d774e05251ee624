// eof_received returning True keeps the transport open for writing: the server answers after the client's end of stream, then closes.
import {
  coroutine,
  type Future,
  get_running_loop,
  Protocol,
  run,
  RuntimeError,
  sleep,
  type Transport,
} from "../../mod.ts";
import "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const server_log: string[] = [];
const client_log: string[] = [];

class Summing extends Protocol {
  transport!: Transport;
  total = 0;
  override connection_made(transport: Transport): void {
    this.transport = transport;
  }
  override data_received(data: Uint8Array): void {
    this.total += data.length;
  }
  override eof_received(): boolean {
    server_log.push(
      `server eof_received total=${this.total} closing=${pybool(this.transport.is_closing())}`,
    );
    this.transport.write(new TextEncoder().encode(`total ${this.total}\n`));
    this.transport.close();
    server_log.push(`server closed, closing=${pybool(this.transport.is_closing())}`);
    return true;
  }
  override connection_lost(error: Error | null): void {
    server_log.push(`server connection_lost ${error ?? "None"}`);
  }
}

class Client extends Protocol {
  transport!: Transport;
  received: number[] = [];
  constructor(readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.transport = transport;
  }
  override data_received(data: Uint8Array): void {
    this.received.push(...data);
  }
  override eof_received(): boolean {
    client_log.push(`client eof_received received=${pybytes(new Uint8Array(this.received))}`);
    return true;
  }
  override connection_lost(error: Error | null): void {
    client_log.push(
      `client connection_lost ${error ?? "None"} closing=${pybool(this.transport.is_closing())}`,
    );
    this.done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const server = await loop.create_server(() => new Summing(), "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const done = loop.create_future<void>();
  const [transport] = await loop.create_connection(() => new Client(done), "127.0.0.1", port);
  for (let i = 0; i < 10; i++) transport.write(new Uint8Array(1000).fill(0x78));
  transport.write_eof();
  console.log("after write_eof: closing", pybool(transport.is_closing()));
  try {
    transport.write(new TextEncoder().encode("late"));
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    console.log("write after write_eof:", error.name, error.message);
  }
  await sleep(0.2);
  console.log("client still open:", pybool(!transport.is_closing()));
  transport.close();
  await done;
  server.close();
  await server.wait_closed();
  for (const line of [...server_log, ...client_log]) console.log(line);
});

await run(main());
