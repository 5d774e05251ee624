/**
 * The line-echo server the fault tests storm. `echo_lines` serves one
 * connection. Run as a program, it serves on a free port of 127.0.0.1,
 * prints `port N`, prints a line for each call of its loop's exception
 * handler, and stops once its stdin ends.
 *
 * @module
 */

import { ConnectionError, coroutine, get_running_loop, run } from "../../mod.ts";
import { start_server, type StreamReader, type StreamWriter } from "../../io.ts";

/** Echoes each line; a client that resets or leaves mid-write ends only its own connection. */
export const echo_lines = coroutine(
  async function echo_lines(reader: StreamReader, writer: StreamWriter): Promise<void> {
    try {
      for await (const line of reader) {
        writer.write(line);
        await writer.drain();
      }
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
    } finally {
      writer.close();
    }
  },
);

const serve = coroutine(async function serve() {
  get_running_loop().set_exception_handler((_loop, context) => {
    console.log(`handler: ${context.message}: ${(context.exception as Error | undefined)?.name}`);
  });
  const server = await start_server(echo_lines, "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  console.log(`port ${port}`);
  await Deno.stdin.readable.pipeTo(new WritableStream());
  server.close();
  await server.wait_closed();
});

if (import.meta.main) await run(serve());
