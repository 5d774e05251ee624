// Protocol callbacks in CPython's order: connection_made, data_received, eof_received returning False (the transport closes), connection_lost(None).
import {
  coroutine,
  type Future,
  get_running_loop,
  Protocol,
  Queue,
  run,
  type Transport,
} from "../../mod.ts";
import "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const server_log: string[] = [];
const client_log: string[] = [];
let server_done: Future<void>;
let client_done: Future<void>;
const upper = (data: Uint8Array) =>
  new TextEncoder().encode(new TextDecoder().decode(data).toUpperCase());

class Upper extends Protocol {
  transport!: Transport;
  override connection_made(transport: Transport): void {
    this.transport = transport;
    const peer = transport.get_extra_info("peername");
    server_log.push(`connection_made peername=${Array.isArray(peer) ? "tuple" : typeof peer}`);
  }
  override data_received(data: Uint8Array): void {
    server_log.push(`data_received ${pybytes(data)}`);
    this.transport.write(upper(data));
  }
  override eof_received(): boolean {
    server_log.push(`eof_received closing=${pybool(this.transport.is_closing())}`);
    return false;
  }
  override connection_lost(error: Error | null): void {
    server_log.push(
      `connection_lost ${error ?? "None"} closing=${pybool(this.transport.is_closing())}`,
    );
    server_done.set_result();
  }
}

class Client extends Protocol {
  transport!: Transport;
  constructor(readonly replies: Queue<Uint8Array>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.transport = transport;
    client_log.push("connection_made");
  }
  override data_received(data: Uint8Array): void {
    client_log.push(`data_received ${pybytes(data)}`);
    this.replies.put_nowait(data);
  }
  override eof_received(): void {
    client_log.push("eof_received");
  }
  override connection_lost(error: Error | null): void {
    client_log.push(`connection_lost ${error ?? "None"}`);
    client_done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  server_done = loop.create_future();
  client_done = loop.create_future();
  const server = await loop.create_server(() => new Upper(), "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const replies = new Queue<Uint8Array>();
  const [transport, protocol] = await loop.create_connection(
    () => new Client(replies),
    "127.0.0.1",
    port,
  );
  console.log(
    "after create_connection:",
    `['${client_log.join("', '")}']`,
    protocol.constructor.name,
    pybool(protocol.transport === transport),
  );
  transport.write(new TextEncoder().encode("hello"));
  console.log("reply:", pybytes(await replies.get()));
  transport.writelines([new TextEncoder().encode("one "), new TextEncoder().encode("two")]);
  let got = "";
  while (got.length < 7) got += new TextDecoder().decode(await replies.get());
  console.log("reply:", pybytes(new TextEncoder().encode(got)));
  console.log("can_write_eof:", pybool(transport.can_write_eof()));
  transport.write_eof();
  await server_done;
  await client_done;
  console.log("closing:", pybool(transport.is_closing()));
  server.close();
  await server.wait_closed();
  for (const line of server_log) console.log("server:", line);
  for (const line of client_log) console.log("client:", line);
});

await run(main());
