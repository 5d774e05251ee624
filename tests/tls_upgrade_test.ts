/**
 * `loop.start_tls()` and `StreamWriter.start_tls()`: against a STARTTLS
 * server written with CPython's asyncio (`tests/peers/starttls_server.py`),
 * and bad input.
 */

import {
  coroutine,
  get_running_loop,
  Protocol,
  run,
  RuntimeError,
  type Transport,
} from "../mod.ts";
import { open_connection, start_server } from "../io.ts";
import { assertStrictEquals, assertThrows } from "./_assert.ts";
import { find_python } from "./_python.ts";

const python = await find_python();
const FIXTURES = new URL("./fixtures/", import.meta.url);
const ca = Deno.readTextFileSync(new URL("tls_ca.pem", FIXTURES));
const cert = Deno.readTextFileSync(new URL("tls_localhost_cert.pem", FIXTURES));
const key = Deno.readTextFileSync(new URL("tls_localhost_key.pem", FIXTURES));
const encoder = new TextEncoder();
const decoder = new TextDecoder();

Deno.test({
  name: `StreamWriter.start_tls with CPython's asyncio as the server${
    python === null ? " (skipped: no CPython 3.12+ found)" : ""
  }`,
  ignore: python === null,
  async fn() {
    const child = new Deno.Command(python!, {
      args: [new URL("./peers/starttls_server.py", import.meta.url).pathname],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let first = "";
    while (!first.includes("\n")) first += (await lines.read()).value ?? "";
    const port = Number(first.trim());
    await run(
      coroutine(async () => {
        const [reader, writer] = await open_connection("127.0.0.1", port);
        writer.write(encoder.encode("STARTTLS\n"));
        assertStrictEquals(decoder.decode(await reader.readline()), "OK\n");
        await writer.start_tls({ ca_certs: [ca] }, { server_hostname: "localhost" });
        assertStrictEquals(writer.get_extra_info("sslcontext"), true);
        writer.write(encoder.encode("over tls\n"));
        assertStrictEquals(decoder.decode(await reader.readline()), "OVER TLS\n");
        writer.close();
        await writer.wait_closed();
      })(),
    );
    let rest = "";
    for (;;) {
      const { value, done } = await lines.read();
      if (done) break;
      rest += value;
    }
    assertStrictEquals(rest.trim(), "served");
    assertStrictEquals((await child.status).success, true);
    await child.stderr.cancel();
  },
});

Deno.test("start_tls: what cannot be upgraded says why", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const protocol = new Protocol();
      assertThrows(
        () => loop.start_tls({} as Transport, protocol, true),
        /is not supported by start_tls\(\)/,
      );
      const server = await start_server(() => {}, "127.0.0.1", 0, { ssl: { cert, key } });
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const [, writer] = await open_connection("127.0.0.1", port, { ssl: { ca_certs: [ca] } });
      assertThrows(
        () => loop.start_tls(writer.transport as unknown as Transport, protocol, true),
        RuntimeError,
      );
      writer.close();
      await writer.wait_closed();
      const plain = await start_server(() => {}, "127.0.0.1", 0);
      const [, plain_port] = plain.sockets[0].getsockname() as [string, number];
      const [, plain_writer] = await open_connection("127.0.0.1", plain_port);
      const transport = plain_writer.transport as unknown as Transport;
      assertThrows(
        () => loop.start_tls(transport, protocol, true, { server_side: true }),
        /sslcontext must be \{ cert, key \} with server_side/,
      );
      assertThrows(
        () => loop.start_tls(transport, protocol, true, { nope: 1 } as never),
        TypeError,
      );
      plain_writer.close();
      await plain_writer.wait_closed();
      assertThrows(() => loop.start_tls(transport, protocol, true), /is closing/);
      for (const s of [server, plain]) {
        s.close();
        s.close_clients(); // their callbacks leave the connections open
        await s.wait_closed();
      }
    })(),
  );
});
