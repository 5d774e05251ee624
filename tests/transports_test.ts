// A connection body may have nothing to await.
// deno-lint-ignore-file require-await
import { coroutine, run, sleep, ValueError } from "../mod.ts";
import {
  open_connection,
  type Server,
  type SocketTransport,
  start_server,
  type StreamWriter,
} from "../io.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";

const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** Runs `body` with a connected client writer and the server side's writer. */
async function with_connection(
  body: (client: StreamWriter, server_side: StreamWriter) => Promise<void>,
): Promise<void> {
  await run(
    coroutine(async () => {
      let server_side: StreamWriter | null = null;
      const server: Server = await start_server(
        (_reader, writer) => {
          server_side = writer;
        },
        "127.0.0.1",
        0,
      );
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const [, client] = await open_connection("127.0.0.1", port);
      while (server_side === null) await sleep(0.001);
      await body(client, server_side);
      for (const writer of [client, server_side as StreamWriter]) {
        writer.close();
        await writer.wait_closed().then(() => {}, () => {});
      }
      server.close();
      await server.wait_closed();
    })(),
  );
}

Deno.test("SocketTransport: write buffer limits, as asyncio's defaults and checks", async () => {
  await with_connection(async (client) => {
    const transport = client.transport;
    assertEquals(transport.get_write_buffer_limits(), [16384, 65536]);
    transport.set_write_buffer_limits(1000);
    assertEquals(transport.get_write_buffer_limits(), [250, 1000]);
    transport.set_write_buffer_limits(null, 100);
    assertEquals(transport.get_write_buffer_limits(), [100, 400]);
    assertThrows(
      () => transport.set_write_buffer_limits(10, 20),
      (e: unknown) =>
        e instanceof ValueError && e.message === "high (10) must be >= low (20) must be >= 0",
    );
  });
});

Deno.test("SocketTransport: pause_reading holds data back until resume_reading", async () => {
  await with_connection(async (client, server_side) => {
    const transport = server_side.transport as SocketTransport;
    transport.pause_reading();
    assertStrictEquals(transport.is_reading(), false);
    client.write(new TextEncoder().encode("held"));
    await client.drain();
    await sleep(0.02);
    const reader = server_side._protocol;
    assertStrictEquals(String(reader).startsWith("<StreamReaderProtocol"), true);
    const stream = server_side._reader!;
    assertStrictEquals(stream.toString(), "<StreamReader transport=" + transport + ">");
    transport.resume_reading();
    assertStrictEquals(transport.is_reading(), true);
    assertStrictEquals(text(await stream.readexactly(4)), "held");
  });
});

Deno.test("SocketTransport: abort drops the buffer and closes at once", async () => {
  await with_connection(async (client, server_side) => {
    client.transport.set_write_buffer_limits(64 * 1024 * 1024); // keep drain quiet
    client.write(new Uint8Array(8 * 1024 * 1024));
    client.transport.abort();
    assertStrictEquals(client.is_closing(), true);
    assertStrictEquals(client.transport.get_write_buffer_size(), 0);
    await client.wait_closed();
    // The peer sees the end of the stream (with whatever had been sent).
    const received = await server_side._reader!.read();
    assertOk(received.length < 8 * 1024 * 1024);
    assertOk(String(client.transport).startsWith("<SocketTransport closing peer=127.0.0.1:"));
  });
});
