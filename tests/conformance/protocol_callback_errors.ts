// A protocol callback that raises: the exception handler gets it with the transport and the protocol, the connection closes with it (connection_lost(exc)), the server goes on; a factory that raises (reported only in debug mode on a server).
import {
  ConnectionRefusedError,
  coroutine,
  type EventLoop,
  type ExceptionContext,
  type Future,
  get_running_loop,
  Protocol,
  run,
  RuntimeError,
  type Transport,
  ValueError,
} from "../../mod.ts";
import "../../io.ts";
import { pybool } from "./_pyrepr.ts";

class KeyError extends Error {
  override name = "KeyError";
}

const server_log: string[] = [];
const list = (items: string[]) => `[${items.map((item) => `'${item}'`).join(", ")}]`;

function handler(_loop: EventLoop, context: ExceptionContext): void {
  const keys = Object.keys(context).filter((k) =>
    ["exception", "message", "protocol", "transport"].includes(k)
  ).sort();
  server_log.push(
    `handler: ${context.message} ${(context.exception as Error).name} ${list(keys)}`,
  );
}

class Failing extends Protocol {
  transport!: Transport;
  constructor(readonly where: string, readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.transport = transport;
  }
  override data_received(_data: Uint8Array): void {
    if (this.where === "data") throw new ValueError("bad data");
  }
  override eof_received(): void {
    if (this.where === "eof") throw new KeyError("'bad eof'");
  }
  override connection_lost(error: Error | null): void {
    server_log.push(
      `${this.where}: connection_lost ${error?.name} ${error?.message} closing=${
        pybool(this.transport.is_closing())
      }`,
    );
    this.done.set_result();
  }
}

class Client extends Protocol {
  events: string[] = [];
  constructor(readonly done: Future<string[]>) {
    super();
  }
  override eof_received(): void {
    this.events.push("eof_received");
  }
  override connection_lost(error: Error | null): void {
    this.events.push(`connection_lost ${error ?? "None"}`);
    this.done.set_result(this.events);
  }
}

function broken_factory(): Protocol {
  throw new RuntimeError("no protocol for you");
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  loop.set_exception_handler(handler);
  for (const where of ["data", "eof"]) {
    const done = loop.create_future<void>();
    const server = await loop.create_server(() => new Failing(where, done), "127.0.0.1", 0);
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const client_done = loop.create_future<string[]>();
    const [transport] = await loop.create_connection(
      () => new Client(client_done),
      "127.0.0.1",
      port,
    );
    transport.write(new TextEncoder().encode("hello"));
    if (where === "eof") transport.write_eof();
    await done;
    console.log(where, "client:", list(await client_done));
    server.close();
    await server.wait_closed();
  }
  for (const line of server_log) console.log(line);
  server_log.length = 0;

  let server = await loop.create_server(broken_factory, "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const client_done = loop.create_future<string[]>();
  await loop.create_connection(() => new Client(client_done), "127.0.0.1", port);
  console.log("factory client:", list(await client_done));
  console.log("server serving:", pybool(server.is_serving()));
  server.close();
  await server.wait_closed();
  console.log("handler calls without debug:", list(server_log));
  try {
    await loop.create_connection(broken_factory, "127.0.0.1", port);
  } catch (error) {
    if (!(error instanceof ConnectionRefusedError)) throw error;
    console.log("create_connection: refused");
  }
  server = await loop.create_server(() => new Protocol(), "127.0.0.1", 0);
  const [, port2] = server.sockets[0].getsockname() as [string, number];
  try {
    await loop.create_connection(broken_factory, "127.0.0.1", port2);
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    console.log("create_connection factory:", error.name, error.message);
  }
  server.close();
  await server.wait_closed();
});

await run(main());
