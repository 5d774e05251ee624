/**
 * The TCP echo server and client of asyncio's streams documentation, in
 * one program: the server echoes one message back and closes; the client
 * sends "Hello World!" and prints what comes back.
 *
 * The Python original (server and client put together):
 *
 * ```python
 * import asyncio
 *
 * async def handle_echo(reader, writer):
 *     data = await reader.read(100)
 *     message = data.decode()
 *     print(f"Received {message!r}")
 *     print(f"Send: {message!r}")
 *     writer.write(data)
 *     await writer.drain()
 *     print("Close the connection")
 *     writer.close()
 *     await writer.wait_closed()
 *
 * async def tcp_echo_client(message, port):
 *     reader, writer = await asyncio.open_connection("127.0.0.1", port)
 *     print(f"Send: {message!r}")
 *     writer.write(message.encode())
 *     await writer.drain()
 *     data = await reader.read(100)
 *     print(f"Received: {data.decode()!r}")
 *     print("Close the connection")
 *     writer.close()
 *     await writer.wait_closed()
 *
 * async def main():
 *     server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
 *     port = server.sockets[0].getsockname()[1]
 *     async with server:
 *         await tcp_echo_client("Hello World!", port)
 *
 * asyncio.run(main())
 * ```
 *
 * Run it with `deno run --allow-net examples/tcp_echo.ts`.
 *
 * @module
 */

import { async_with, coroutine, run } from "../mod.ts";
import { open_connection, start_server, type StreamReader, type StreamWriter } from "../io.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const handle_echo = coroutine(async (reader: StreamReader, writer: StreamWriter) => {
  const data = await reader.read(100);
  const message = decoder.decode(data);
  console.log(`Received '${message}'`);
  console.log(`Send: '${message}'`);
  writer.write(data);
  await writer.drain();
  console.log("Close the connection");
  writer.close();
  await writer.wait_closed();
});

const tcp_echo_client = coroutine(async (message: string, port: number) => {
  const [reader, writer] = await open_connection("127.0.0.1", port);
  console.log(`Send: '${message}'`);
  writer.write(encoder.encode(message));
  await writer.drain();
  const data = await reader.read(100);
  console.log(`Received: '${decoder.decode(data)}'`);
  console.log("Close the connection");
  writer.close();
  await writer.wait_closed();
});

const main = coroutine(async () => {
  const server = await start_server(handle_echo, "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  await async_with(server, async () => {
    await tcp_echo_client("Hello World!", port);
  });
});

await run(main());
