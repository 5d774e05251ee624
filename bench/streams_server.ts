/**
 * The Deno servers of the stream benchmarks, the same as
 * `py/streams_server.py` serves with CPython's asyncio:
 *
 *     deno run -A --v8-flags=--expose-gc bench/streams_server.ts ours|plain echo|bulk [bytes]
 *
 * - `ours`: this library's `start_server`, a reader and a writer per
 *   connection. `plain`: `Deno.listen` with no library, what the runtime
 *   alone costs.
 * - `echo`: each connection's lines are written back, one write (and, for
 *   ours, one `drain()`) a line, until the client's end of stream.
 *   Plain reads into a 64 KiB buffer and awaits one `conn.write` a line.
 * - `bulk`: each connection is sent `bytes` in 64 KiB writes, each
 *   followed by `drain()` (plain: an awaited `conn.write`), then closed.
 *
 * With `ASYNCIO_BENCH_PROTOCOLS=1`, ours serves with protocols and
 * `loop.create_server()` instead of streams: echo writes back what each
 * `data_received()` brings; bulk writes chunks until `pause_writing()`
 * and goes on at `resume_writing()`.
 *
 * It prints `{"port": N}` once listening on 127.0.0.1. On stdin, `stats`
 * collects garbage (given `--expose-gc`) and answers `{"connections": N}`,
 * the connections being served (before a memory reading); the end of stdin
 * ends the process.
 *
 * @module
 */

import { coroutine, get_running_loop, Protocol, run, type Transport } from "../mod.ts";
import { start_server, type StreamReader, type StreamWriter } from "../io.ts";

const CHUNK = 64 * 1024;
const HOST = "127.0.0.1";

const [impl, mode, bytes_arg] = Deno.args;
if (!["ours", "plain"].includes(impl) || !["echo", "bulk"].includes(mode)) {
  console.error("usage: streams_server.ts ours|plain echo|bulk [bytes]");
  Deno.exit(2);
}
const total = Number(bytes_arg ?? 0);
let connections = 0;

// ---------------------------------------------------------------------------
// Ours

async function echo(reader: StreamReader, writer: StreamWriter): Promise<void> {
  connections++;
  try {
    for await (const line of reader) {
      writer.write(line);
      await writer.drain();
    }
    writer.close();
  } finally {
    connections--;
  }
}

async function bulk(_reader: StreamReader, writer: StreamWriter): Promise<void> {
  const chunk = new Uint8Array(CHUNK);
  for (let sent = 0; sent + CHUNK <= total; sent += CHUNK) {
    writer.write(chunk);
    await writer.drain();
  }
  writer.close();
}

class EchoProtocol extends Protocol {
  transport!: Transport;
  override connection_made(transport: Transport): void {
    connections++;
    this.transport = transport;
  }
  override data_received(data: Uint8Array): void {
    this.transport.write(data);
  }
  override connection_lost(): void {
    connections--;
  }
}

class BulkProtocol extends Protocol {
  transport!: Transport;
  readonly chunk = new Uint8Array(CHUNK);
  sent = 0;
  paused = false;
  override connection_made(transport: Transport): void {
    this.transport = transport;
    this.send();
  }
  override pause_writing(): void {
    this.paused = true;
  }
  override resume_writing(): void {
    this.paused = false;
    this.send();
  }
  send(): void {
    while (!this.paused && this.sent + CHUNK <= total) {
      this.sent += CHUNK;
      this.transport.write(this.chunk);
    }
    if (this.sent + CHUNK > total) this.transport.close();
  }
}

async function serve_ours(): Promise<void> {
  await run(
    coroutine(async () => {
      const server = Deno.env.get("ASYNCIO_BENCH_PROTOCOLS") === "1"
        ? await get_running_loop().create_server(
          () => mode === "echo" ? new EchoProtocol() : new BulkProtocol(),
          HOST,
          0,
        )
        : await start_server(mode === "echo" ? echo : bulk, HOST, 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      console.log(JSON.stringify({ port }));
      await server.serve_forever();
    })(),
  );
}

// ---------------------------------------------------------------------------
// Plain Deno

async function write_all(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  for (let written = 0; written < data.length;) {
    written += await conn.write(data.subarray(written));
  }
}

async function plain_echo(conn: Deno.Conn): Promise<void> {
  connections++;
  try {
    await echo_lines(conn);
  } finally {
    connections--;
  }
}

async function echo_lines(conn: Deno.Conn): Promise<void> {
  const buffer = new Uint8Array(CHUNK);
  let carried = new Uint8Array(0);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) break;
    let data = buffer.subarray(0, n);
    if (carried.length > 0) {
      const joined = new Uint8Array(carried.length + n);
      joined.set(carried);
      joined.set(data, carried.length);
      data = joined;
    }
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      await write_all(conn, data.subarray(start, end + 1));
      start = end + 1;
    }
    carried = data.slice(start);
  }
  conn.close();
}

async function plain_bulk(conn: Deno.Conn): Promise<void> {
  const chunk = new Uint8Array(CHUNK);
  for (let sent = 0; sent + CHUNK <= total; sent += CHUNK) await write_all(conn, chunk);
  conn.close();
}

async function serve_plain(): Promise<void> {
  const listener = Deno.listen({ hostname: HOST, port: 0 });
  console.log(JSON.stringify({ port: listener.addr.port }));
  const handler = mode === "echo" ? plain_echo : plain_bulk;
  for await (const conn of listener) handler(conn).catch(() => conn.close());
}

// ---------------------------------------------------------------------------
// Control over stdin

async function obey_stdin(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
    for (const _ of chunk.split("\n").filter((word) => word === "stats")) {
      gc?.();
      console.log(JSON.stringify({ connections }));
    }
  }
  Deno.exit(0);
}

obey_stdin();
await (impl === "ours" ? serve_ours() : serve_plain());
