// Protocols over a Unix socket (create_unix_server, create_unix_connection), pause_reading/resume_reading/is_reading, get_protocol, and abort(): buffered data dropped, connection_lost(None), the peer sees the end.
import {
  coroutine,
  type Future,
  get_running_loop,
  Protocol,
  Queue,
  run,
  sleep,
  type Transport,
} from "../../mod.ts";
import type { SocketTransport } from "../../io.ts";
import "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const log: string[] = [];
const bytes = (text: string) => new TextEncoder().encode(text);

class Server extends Protocol {
  transport!: Transport;
  received = "";
  constructor(readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.transport = transport;
    log.push(
      `server: connection_made sockname is str: ${
        pybool(typeof transport.get_extra_info("sockname") === "string")
      }`,
    );
  }
  override data_received(data: Uint8Array): void {
    this.received += new TextDecoder().decode(data);
    if (this.received.endsWith("\n")) {
      this.transport.write(bytes(`got ${this.received}`));
      this.received = "";
    }
  }
  override eof_received(): void {
    log.push("server: eof_received");
  }
  override connection_lost(error: Error | null): void {
    log.push(`server: connection_lost ${error ?? "None"}`);
    this.done.set_result();
  }
}

class Client extends Protocol {
  constructor(readonly replies: Queue<Uint8Array>, readonly done: Future<void>) {
    super();
  }
  override data_received(data: Uint8Array): void {
    this.replies.put_nowait(data);
  }
  override connection_lost(error: Error | null): void {
    log.push(`client: connection_lost ${error ?? "None"}`);
    this.done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/protocol.sock`;
  const server_done = loop.create_future<void>();
  const server = await loop.create_unix_server(() => new Server(server_done), path);
  const replies = new Queue<Uint8Array>();
  const client_done = loop.create_future<void>();
  const [transport, protocol] = await loop.create_unix_connection(
    () => new Client(replies, client_done),
    path,
  );
  console.log(
    "get_protocol is protocol:",
    pybool((transport as SocketTransport).get_protocol() === protocol),
  );
  transport.write(bytes("one\n"));
  console.log("reply:", pybytes(await replies.get()));
  transport.pause_reading();
  console.log("is_reading:", pybool(transport.is_reading()));
  transport.write(bytes("two\n"));
  await sleep(0.05);
  console.log("while paused, replies waiting:", replies.qsize());
  transport.resume_reading();
  console.log("is_reading:", pybool(transport.is_reading()));
  console.log("reply:", pybytes(await replies.get()));
  transport.set_write_buffer_limits(0);
  transport.abort();
  console.log(
    "after abort: closing",
    pybool(transport.is_closing()),
    "buffer",
    transport.get_write_buffer_size(),
    "is_reading",
    pybool(transport.is_reading()),
  );
  transport.abort();
  transport.close();
  await client_done;
  await server_done;
  server.close();
  await server.wait_closed();
  for (const line of log.sort()) console.log(line);
  // Deno removed the socket file when the server closed (CPython 3.12 leaves it).
  Deno.removeSync(dir, { recursive: true });
});

await run(main());
