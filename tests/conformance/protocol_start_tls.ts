// loop.start_tls() with protocols on both sides: the protocol is not connected again, data after the upgrade arrives in the same protocol through the new transport, and closing the new transport ends the connection.
import {
  coroutine,
  ensure_future,
  type Future,
  get_running_loop,
  Protocol,
  Queue,
  run,
  type Transport,
} from "../../mod.ts";
import "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, FIXTURES));
const server_tls = { cert: read("tls_localhost_cert.pem"), key: read("tls_localhost_key.pem") };
const client_tls = { ca_certs: [read("tls_ca.pem")] };
const bytes = (text: string) => new TextEncoder().encode(text);

const log: string[] = [];

class Server extends Protocol {
  transport!: Transport;
  made = 0;
  upgraded!: Future<Transport>;
  constructor(readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.made++;
    this.transport = transport;
  }
  override data_received(data: Uint8Array): void {
    log.push(`server data ${pybytes(data)}`);
    if (new TextDecoder().decode(data) === "STARTTLS") {
      // Nothing more is read as plain data: the client's handshake follows the reply.
      this.transport.pause_reading();
      this.transport.write(bytes("OK"));
      ensure_future(this.upgrade());
    } else {
      // The data may come before start_tls() has returned the new transport.
      this.upgraded.add_done_callback((upgraded) =>
        upgraded.result().write(bytes(new TextDecoder().decode(data).toUpperCase()))
      );
    }
  }
  async upgrade(): Promise<void> {
    const loop = get_running_loop();
    this.upgraded = loop.create_future();
    const tls = await loop.start_tls(this.transport, this, server_tls, { server_side: true });
    this.upgraded.set_result(tls);
  }
  override connection_lost(error: Error | null): void {
    log.push(
      `server connection_lost ${error ?? "None"}, connection_made called ${this.made} time(s)`,
    );
    this.done.set_result();
  }
}

class Client extends Protocol {
  made = 0;
  constructor(readonly replies: Queue<Uint8Array>, readonly done: Future<void>) {
    super();
  }
  override connection_made(_transport: Transport): void {
    this.made++;
  }
  override data_received(data: Uint8Array): void {
    this.replies.put_nowait(data);
  }
  override connection_lost(error: Error | null): void {
    log.push(
      `client connection_lost ${error ?? "None"}, connection_made called ${this.made} time(s)`,
    );
    this.done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const server_done = loop.create_future<void>();
  const server = await loop.create_server(() => new Server(server_done), "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const replies = new Queue<Uint8Array>();
  const client_done = loop.create_future<void>();
  const [transport, protocol] = await loop.create_connection(
    () => new Client(replies, client_done),
    "127.0.0.1",
    port,
  );
  transport.write(bytes("STARTTLS"));
  console.log("reply:", pybytes(await replies.get()));
  const tls = await loop.start_tls(transport, protocol, client_tls, {
    server_hostname: "localhost",
  });
  console.log(
    "new transport:",
    pybool(tls !== transport),
    "over TLS:",
    pybool(tls.get_extra_info("sslcontext") !== null),
  );
  tls.write(bytes("hello"));
  console.log("reply:", pybytes(await replies.get()));
  tls.close();
  console.log("closing:", pybool(tls.is_closing()));
  await client_done;
  await server_done;
  server.close();
  await server.wait_closed();
  for (const line of log.sort()) console.log(line);
});

await run(main());
