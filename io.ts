/**
 * asyncio's I/O for Deno: streams (`open_connection` and `start_server`
 * over TCP or TLS, `open_unix_connection` and `start_unix_server` over Unix
 * sockets, with `StreamReader` and `StreamWriter`), subprocesses
 * (`create_subprocess_exec`, `create_subprocess_shell`), and, below
 * streams as in asyncio, the loop's protocol methods: importing this
 * module gives every loop `create_connection`, `create_server`,
 * `create_unix_connection`, `create_unix_server`,
 * `connect_accepted_socket`, `create_datagram_endpoint` (UDP: Deno's
 * `--unstable-net`), `start_tls`, `subprocess_exec` and
 * `subprocess_shell`, serving the core's `Protocol`, `BufferedProtocol`,
 * `DatagramProtocol` and `SubprocessProtocol`. Use them with the core
 * module's loop, tasks and coroutines; closing the loop closes what is
 * still open.
 *
 * @example An echo server and a client
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { open_connection, start_server } from "@aiots/asyncio/io";
 *
 * await run(coroutine(async () => {
 *   const server = await start_server(async (reader, writer) => {
 *     for await (const line of reader) {
 *       writer.write(line);
 *       await writer.drain();
 *     }
 *     writer.close();
 *     await writer.wait_closed();
 *   }, "127.0.0.1", 0);
 *   const [, port] = server.sockets[0].getsockname() as [string, number];
 *
 *   const [reader, writer] = await open_connection("127.0.0.1", port);
 *   writer.write(new TextEncoder().encode("hello\n"));
 *   await writer.drain();
 *   console.log(new TextDecoder().decode(await reader.readline())); // hello
 *   writer.close();
 *   await writer.wait_closed();
 *
 *   server.close();
 *   await server.wait_closed();
 * })());
 * ```
 *
 * @module
 */

import "./lib/_install_io.ts";

export {
  open_connection,
  open_unix_connection,
  type OpenConnectionOptions,
  type OpenUnixConnectionOptions,
  start_server,
  start_unix_server,
  type StartServerOptions,
  type StartUnixServerOptions,
} from "./lib/streams.ts";
export { StreamReader, type StreamReaderOptions } from "./lib/stream_reader.ts";
export {
  type ClientConnectedCallback,
  FlowControlMixin,
  StreamReaderProtocol,
} from "./lib/stream_protocol.ts";
export { StreamWriter } from "./lib/stream_writer.ts";
export { Server } from "./lib/servers.ts";
export {
  create_subprocess_exec,
  create_subprocess_shell,
  DEVNULL,
  PIPE,
  Process,
  type Redirect,
  STDOUT,
  type SubprocessOptions,
} from "./lib/subprocess.ts";
export {
  type ConnectionCounter,
  SocketTransport,
  type StreamingProtocol,
  type StreamProtocol,
} from "./lib/socket_transport.ts";
// Also exported by the core (the loop's I/O methods name them); here too,
// where streams users have always imported them from.
export type { ReadTransport, SocketAddress, WriteTransport } from "./lib/transports.ts";
export type { ClientTlsOptions, ServerSocket, ServerTlsOptions } from "./lib/loop_io.ts";
