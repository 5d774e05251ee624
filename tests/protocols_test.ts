/**
 * The protocol base classes: every callback does nothing by default, as
 * asyncio's, and a transport serves them as they are.
 */

import {
  BaseProtocol,
  BufferedProtocol,
  coroutine,
  DatagramProtocol,
  get_running_loop,
  Protocol,
  run,
  SubprocessProtocol,
  type Transport,
} from "../mod.ts";
import "../io.ts";
import { assertStrictEquals } from "./_assert.ts";

Deno.test("protocols: the default callbacks do nothing and return nothing", () => {
  const transport = {} as Transport;
  const error = new Error("x");
  for (const protocol of [new BaseProtocol(), new Protocol(), new BufferedProtocol()]) {
    assertStrictEquals(protocol.connection_made(transport), undefined);
    assertStrictEquals(protocol.pause_writing(), undefined);
    assertStrictEquals(protocol.resume_writing(), undefined);
    assertStrictEquals(protocol.connection_lost(error), undefined);
  }
  assertStrictEquals(new Protocol().data_received(new Uint8Array(1)), undefined);
  assertStrictEquals(new Protocol().eof_received(), undefined);
  assertStrictEquals(new BufferedProtocol().get_buffer(-1).length, 0);
  assertStrictEquals(new BufferedProtocol().buffer_updated(1), undefined);
  assertStrictEquals(
    new DatagramProtocol().datagram_received(new Uint8Array(1), ["h", 1]),
    undefined,
  );
  assertStrictEquals(new DatagramProtocol().error_received(error), undefined);
  assertStrictEquals(new SubprocessProtocol().pipe_data_received(1, new Uint8Array(1)), undefined);
  assertStrictEquals(new SubprocessProtocol().pipe_connection_lost(1, null), undefined);
  assertStrictEquals(new SubprocessProtocol().process_exited(), undefined);
});

Deno.test("protocols: a bare Protocol on both ends of a connection, closed by eof", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const server = await loop.create_server(() => new Protocol(), "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const [transport] = await loop.create_connection(() => new Protocol(), "127.0.0.1", port);
      transport.write(new Uint8Array([1, 2, 3]));
      transport.write_eof(); // the server's eof_received returns nothing: it closes
      server.close();
      await server.wait_closed();
      transport.close();
    })(),
  );
});
