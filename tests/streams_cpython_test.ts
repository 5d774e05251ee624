/**
 * The line echo of the stream benchmarks (`bench/streams.ts`), smaller and
 * not timed: a `start_server` echo server of this library, driven by
 * CPython's asyncio client (`bench/py/streams_client.py`), which sends
 * every line with write() and drain() while it reads the echo back and
 * checks every byte. The server counts what it echoed. Skipped, with a
 * note in the test's name, where CPython 3.12+ is not found.
 */

import { coroutine, run } from "../mod.ts";
import { start_server, type StreamReader, type StreamWriter } from "../io.ts";
import { assertEquals, assertStrictEquals } from "./_assert.ts";
import { find_python } from "./_python.ts";

const python = await find_python();
const CLIENT = new URL("../bench/py/streams_client.py", import.meta.url).pathname;
const CONNECTIONS = 20;
const LINES = 500;

/** The length of line `index` of `connection`, as `streams_client.py`'s `echo_line` makes it. */
function line_length(connection: number, index: number): number {
  const filler = (connection * 7 + index * 13) % 100;
  return String(connection).length + 1 + String(index).length + 1 + filler + 1;
}

let expected_bytes = 0;
for (let connection = 0; connection < CONNECTIONS; connection++) {
  for (let index = 0; index < LINES; index++) expected_bytes += line_length(connection, index);
}

/** What the server saw: connections ended, lines and bytes echoed. */
interface Echoed {
  connections: number;
  lines: number;
  bytes: number;
}

/** Runs the client against an echo server whose connections `serve` serves. */
function echo_with_cpython(
  serve: (echoed: Echoed) => (reader: StreamReader, writer: StreamWriter) => unknown,
): Promise<void> {
  return run(
    coroutine(async () => {
      const echoed: Echoed = { connections: 0, lines: 0, bytes: 0 };
      const server = await start_server(serve(echoed), "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const out = await new Deno.Command(python as string, {
        args: [CLIENT, "echo", String(port), String(CONNECTIONS), String(LINES)],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decoder = new TextDecoder();
      assertStrictEquals(out.success, true, decoder.decode(out.stderr));
      const report = JSON.parse(decoder.decode(out.stdout));
      assertStrictEquals(report.bytes, expected_bytes);
      server.close();
      await server.wait_closed();
      assertEquals(echoed, {
        connections: CONNECTIONS,
        lines: CONNECTIONS * LINES,
        bytes: expected_bytes,
      });
    })(),
  );
}

Deno.test({
  name: `streams: a line echo driven by CPython's asyncio client gets every byte back${
    python === null ? " (skipped: no CPython 3.12+ found)" : ""
  }`,
  ignore: python === null,
  async fn(t) {
    await t.step("async-function handler, for await over the lines", async () => {
      await echo_with_cpython((echoed) => async (reader, writer) => {
        for await (const line of reader) {
          writer.write(line);
          await writer.drain();
          echoed.lines++;
          echoed.bytes += line.length;
        }
        writer.close();
        await writer.wait_closed();
        echoed.connections++;
      });
    });
    await t.step("generator handler, readline()", async () => {
      await echo_with_cpython((echoed) =>
        function* (reader: StreamReader, writer: StreamWriter) {
          for (;;) {
            const line: Uint8Array = yield* reader.readline();
            if (line.length === 0) break;
            writer.write(line);
            yield* writer.drain();
            echoed.lines++;
            echoed.bytes += line.length;
          }
          writer.close();
          yield* writer.wait_closed();
          echoed.connections++;
        }
      );
    });
  },
});
