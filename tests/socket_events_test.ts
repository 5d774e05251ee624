/**
 * The loop's socket methods (`create_connection`, `create_server`,
 * `create_unix_*`, `connect_accepted_socket`): bad input, faults, and
 * peers this project did not write (CPython's asyncio echo server and
 * client from its documentation, `tests/peers/`).
 */

import {
  BaseProtocol,
  ConnectionResetError,
  coroutine,
  type EventLoop,
  type ExceptionContext,
  type Future,
  get_running_loop,
  new_event_loop,
  OSError,
  Protocol,
  run,
  RuntimeError,
  type Transport,
  ValueError,
} from "../mod.ts";
import "../io.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
  raises,
} from "./_assert.ts";
import { find_python } from "./_python.ts";
import { reset_server } from "./_reset.ts";

const python = await find_python();
const PEERS = new URL("./peers/", import.meta.url);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Records its callbacks; `lost` settles with `connection_lost`'s argument. */
class Recorder extends Protocol {
  events: string[] = [];
  transport: Transport | null = null;
  received = "";
  constructor(readonly lost: Future<Error | null>) {
    super();
  }
  override connection_made(transport: Transport): void {
    this.transport = transport;
    this.events.push("connection_made");
  }
  override data_received(data: Uint8Array): void {
    this.events.push("data_received");
    this.received += decoder.decode(data);
  }
  override eof_received(): void {
    this.events.push("eof_received");
  }
  override connection_lost(error: Error | null): void {
    this.events.push("connection_lost");
    this.lost.set_result(error);
  }
}

/** Reads lines of a child's stdout as they come. */
async function* lines_of(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let pending = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    let at: number;
    while ((at = pending.indexOf("\n")) >= 0) {
      yield pending.slice(0, at);
      pending = pending.slice(at + 1);
    }
  }
  if (pending !== "") yield pending;
}

Deno.test("create_connection: bad arguments are TypeError/RangeError/ValueError naming them", async () => {
  await run(
    // deno-lint-ignore require-yield
    coroutine(function* () {
      const loop = get_running_loop();
      const factory = () => new Protocol();
      assertThrows(
        () => loop.create_connection("no" as unknown as () => Protocol, "127.0.0.1", 1),
        /create_connection\(\): protocol_factory must be a function/,
      );
      assertThrows(() => loop.create_connection(factory, 1 as unknown as string, 1), TypeError);
      assertThrows(() => loop.create_connection(factory, "127.0.0.1", 70000), RangeError);
      assertThrows(
        () => loop.create_connection(factory, "127.0.0.1", 1, { nope: 1 } as never),
        /unknown option 'nope'/,
      );
      assertThrows(
        () => loop.create_connection(factory, "127.0.0.1", 1, { server_hostname: "x" }),
        ValueError,
      );
      assertThrows(() => loop.create_server(factory, 5 as unknown as string, 0), TypeError);
      assertThrows(() => loop.create_unix_server(factory, 5 as unknown as string), TypeError);
      assertThrows(
        () => loop.connect_accepted_socket(factory, {}),
        /must be a connected Deno.Conn/,
      );
      assertThrows(
        () =>
          loop.create_datagram_endpoint(() => new BaseProtocol() as never, {
            local_addr: "x" as never,
          }),
        /local_addr must be \[host, port\]/,
      );
    })(),
  );
});

Deno.test("create_server: a port already in use is CPython's OSError (EADDRINUSE)", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const server = await loop.create_server(() => new Protocol(), "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const error = await raises(
        loop.create_server(() => new Protocol(), "127.0.0.1", port),
        OSError,
      );
      assertStrictEquals(error.errno, 98);
      assertStrictEquals(
        error.message,
        `[Errno 98] error while attempting to bind on address ('127.0.0.1', ${port}): address already in use`,
      );
      server.close();
      await server.wait_closed();
    })(),
  );
});

Deno.test("create_connection on a closed loop: RuntimeError, nothing left open", async () => {
  const loop = new_event_loop();
  loop.close();
  await assertRejects(
    () => loop.run_until_complete(loop.create_connection(() => new Protocol(), "127.0.0.1", 1)),
    RuntimeError,
  );
});

Deno.test("connect_accepted_socket: a Deno.Conn accepted by hand, served by a protocol", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const accepting = listener.accept();
      const client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
      const conn = await accepting;
      listener.close();
      const lost = loop.create_future<Error | null>();
      const [transport, protocol] = await loop.connect_accepted_socket(
        () => new Recorder(lost),
        conn,
      );
      assertStrictEquals(protocol.transport, transport);
      await client.write(encoder.encode("hi"));
      client.close();
      assertStrictEquals(await lost, null);
      assertEquals(protocol.events, [
        "connection_made",
        "data_received",
        "eof_received",
        "connection_lost",
      ]);
      assertStrictEquals(protocol.received, "hi");
    })(),
  );
});

Deno.test("a peer that resets mid-write: connection_lost(ConnectionResetError), not the handler", async () => {
  const peer = await reset_server();
  try {
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const reports: ExceptionContext[] = [];
        loop.set_exception_handler((_loop: EventLoop, context: ExceptionContext) =>
          reports.push(context)
        );
        const lost = loop.create_future<Error | null>();
        const [transport] = await loop.create_connection(
          () => new Recorder(lost),
          "127.0.0.1",
          peer.port,
        );
        const chunk = new Uint8Array(1024 * 1024);
        for (let i = 0; i < 16; i++) transport.write(chunk);
        const error = await lost;
        assertOk(error instanceof OSError, `expected an OSError, got ${error}`);
        assertOk(
          error instanceof ConnectionResetError || error.name === "BrokenPipeError",
          `${error}`,
        );
        assertStrictEquals(reports.length, 0);
      })(),
    );
  } finally {
    await peer.close();
  }
});

Deno.test({
  name: `create_connection to CPython's documented asyncio echo server${
    python === null ? " (skipped: no CPython 3.12+ found)" : ""
  }`,
  ignore: python === null,
  async fn() {
    const child = new Deno.Command(python!, {
      args: [new URL("echo_server.py", PEERS).pathname, "10"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const lines = lines_of(child.stdout);
    const port = Number((await lines.next()).value);
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const lost = loop.create_future<Error | null>();
        const [transport, protocol] = await loop.create_connection(
          () => new Recorder(lost),
          "127.0.0.1",
          port,
        );
        transport.write(encoder.encode("Hello World!"));
        assertStrictEquals(await lost, null);
        assertStrictEquals(protocol.received, "Hello World!");
        assertEquals(protocol.events.at(-1), "connection_lost");
      })(),
    );
    const said: string[] = [];
    for (let i = 0; i < 4; i++) said.push((await lines.next()).value as string);
    assertEquals(said, [
      "Connection from 127.0.0.1",
      "Data received: 'Hello World!'",
      "Send: 'Hello World!'",
      "Close the client socket",
    ]);
    child.kill();
    await child.status;
    for await (const _ of lines);
    await child.stderr.cancel();
  },
});

Deno.test({
  name: `create_server serving CPython's documented asyncio echo client${
    python === null ? " (skipped: no CPython 3.12+ found)" : ""
  }`,
  ignore: python === null,
  async fn() {
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        // The documentation's echo server, as a protocol of this library.
        class Echo extends Protocol {
          transport!: Transport;
          override connection_made(transport: Transport): void {
            this.transport = transport;
          }
          override data_received(data: Uint8Array): void {
            this.transport.write(data);
            this.transport.close();
          }
        }
        const server = await loop.create_server(() => new Echo(), "127.0.0.1", 0);
        const [, port] = server.sockets[0].getsockname() as [string, number];
        const out = await new Deno.Command(python!, {
          args: [new URL("echo_client.py", PEERS).pathname, String(port)],
          stdout: "piped",
          stderr: "piped",
        }).output();
        assertStrictEquals(out.success, true, decoder.decode(out.stderr));
        assertEquals(decoder.decode(out.stdout).trim().split("\n"), [
          "Data sent: 'Hello World!'",
          "Data received: 'Hello World!'",
          "The server closed the connection",
        ]);
        server.close();
        await server.wait_closed();
      })(),
    );
  },
});

Deno.test("without @aiots/asyncio/io, the loop's I/O methods say what to import", async () => {
  const script = `
    import { new_event_loop, Protocol } from ${
    JSON.stringify(new URL("../mod.ts", import.meta.url).href)
  };
    const loop = new_event_loop();
    try { loop.create_connection(() => new Protocol(), "127.0.0.1", 1); } catch (e) { console.log(e.name + ": " + e.message); }
    try { loop.subprocess_exec(() => new Protocol(), "true"); } catch (e) { console.log(e.name + ": " + e.message); }
    try { loop.subprocess_shell(() => new Protocol(), "true"); } catch (e) { console.log(e.name + ": " + e.message); }
    loop.close();
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(decoder.decode(out.stdout).trim().split("\n"), [
    'RuntimeError: loop.create_connection() needs the I/O entry point: import "@aiots/asyncio/io" (Deno only)',
    'RuntimeError: loop.subprocess_exec() needs the I/O entry point: import "@aiots/asyncio/io" (Deno only)',
    'RuntimeError: loop.subprocess_shell() needs the I/O entry point: import "@aiots/asyncio/io" (Deno only)',
  ]);
});

Deno.test("ssl_handshake_timeout and ssl_shutdown_timeout: checked at the call, with asyncio's messages", () => {
  const loop = new_event_loop();
  try {
    const factory = () => new Protocol();
    const cases: [() => unknown, new (...args: never[]) => Error, string][] = [
      [
        () => loop.create_connection(factory, "127.0.0.1", 1, { ssl_handshake_timeout: 1 }),
        ValueError,
        "ssl_handshake_timeout is only meaningful with ssl",
      ],
      [
        () =>
          loop.create_connection(factory, "127.0.0.1", 1, { ssl: true, ssl_handshake_timeout: 0 }),
        ValueError,
        "ssl_handshake_timeout should be a positive number, got 0",
      ],
      [
        () =>
          loop.create_connection(factory, "127.0.0.1", 1, { ssl: true, ssl_shutdown_timeout: NaN }),
        ValueError,
        "create_connection(): ssl_shutdown_timeout must not be NaN",
      ],
      [
        () =>
          loop.create_connection(factory, "127.0.0.1", 1, {
            ssl: true,
            ssl_handshake_timeout: "1" as unknown as number,
          }),
        TypeError,
        "create_connection(): ssl_handshake_timeout must be a number of seconds or null, got '1'",
      ],
      [
        () => loop.create_server(factory, "127.0.0.1", 0, { ssl_shutdown_timeout: 1 }),
        ValueError,
        "ssl_shutdown_timeout is only meaningful with ssl",
      ],
      [
        () =>
          loop.create_server(factory, "127.0.0.1", 0, {
            ssl: { cert: "", key: "" },
            ssl_shutdown_timeout: -1,
          }),
        ValueError,
        "ssl_shutdown_timeout should be a positive number, got -1",
      ],
    ];
    for (const [call, Class, message] of cases) {
      assertThrows(call, (e: unknown) => e instanceof Class && (e as Error).message === message);
    }
    // null is the default, as asyncio's None.
    loop.create_connection(factory, "127.0.0.1", 1, { ssl_handshake_timeout: null }).close();
  } finally {
    loop.close();
  }
});
