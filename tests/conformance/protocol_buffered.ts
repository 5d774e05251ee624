// BufferedProtocol: the transport asks for a buffer with get_buffer(-1), copies into it, and reports with buffer_updated; an empty buffer is an error.
import {
  BufferedProtocol,
  coroutine,
  type EventLoop,
  type ExceptionContext,
  type Future,
  get_running_loop,
  run,
} from "../../mod.ts";
import { open_connection } from "../../io.ts";
import { pybool } from "./_pyrepr.ts";

const PAYLOAD = new Uint8Array(256 * 64).map((_, i) => i % 256);

class Into extends BufferedProtocol {
  readonly buffer: Uint8Array;
  received: number[] = [];
  hints = new Set<number>();
  largest = 0;
  constructor(readonly done: Future<Error | null>, size: number) {
    super();
    this.buffer = new Uint8Array(size);
  }
  override get_buffer(sizehint: number): Uint8Array {
    this.hints.add(sizehint);
    return this.buffer;
  }
  override buffer_updated(nbytes: number): void {
    this.largest = Math.max(this.largest, nbytes);
    this.received.push(...this.buffer.subarray(0, nbytes));
  }
  override eof_received(): void {
    const intact = this.received.length === PAYLOAD.length &&
      this.received.every((byte, i) => byte === PAYLOAD[i]);
    console.log("eof_received after", this.received.length, "bytes; intact:", pybool(intact));
    console.log(
      "size hints:",
      `{${[...this.hints].join(", ")}}`,
      "each at most the buffer:",
      pybool(this.largest <= this.buffer.length),
    );
  }
  override connection_lost(error: Error | null): void {
    this.done.set_result(error);
  }
}

class Empty extends BufferedProtocol {
  constructor(readonly done: Future<Error | null>) {
    super();
  }
  override get_buffer(_sizehint: number): Uint8Array {
    return new Uint8Array(0);
  }
  override buffer_updated(_nbytes: number): void {
    console.log("never");
  }
  override connection_lost(error: Error | null): void {
    this.done.set_result(error);
  }
}

function handler(_loop: EventLoop, context: ExceptionContext): void {
  const error = context.exception as Error;
  console.log("handler:", context.message, error.name, error.message);
}

const send = coroutine(async (port: number, data: Uint8Array) => {
  const [, writer] = await open_connection("127.0.0.1", port);
  writer.write(data);
  await writer.drain();
  writer.close();
  await writer.wait_closed();
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  loop.set_exception_handler(handler);
  let done = loop.create_future<Error | null>();
  let server = await loop.create_server(() => new Into(done, 1000), "127.0.0.1", 0);
  let [, port] = server.sockets[0].getsockname() as [string, number];
  await send(port, PAYLOAD);
  console.log("connection_lost:", (await done) ?? "None");
  server.close();
  await server.wait_closed();

  done = loop.create_future<Error | null>();
  server = await loop.create_server(() => new Empty(done), "127.0.0.1", 0);
  [, port] = server.sockets[0].getsockname() as [string, number];
  await send(port, new TextEncoder().encode("x"));
  const error = (await done)!;
  console.log("connection_lost:", error.name, error.message);
  server.close();
  await server.wait_closed();
});

await run(main());
