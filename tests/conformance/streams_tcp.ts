// TCP streams: an echo server, write_eof, the server waits for its connections, an error in a client callback.
import {
  ConnectionRefusedError,
  coroutine,
  create_task,
  type EventLoop,
  type ExceptionContext,
  get_running_loop,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";
import { open_connection, start_server, type StreamReader, type StreamWriter } from "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

const handle = coroutine(async (reader: StreamReader, writer: StreamWriter) => {
  for await (const line of reader) {
    writer.write(bytes(new TextDecoder().decode(line).toUpperCase()));
    await writer.drain();
  }
  console.log("server: client finished");
  writer.close();
  await writer.wait_closed();
});

const failing = coroutine(async (reader: StreamReader, _writer: StreamWriter) => {
  await reader.readline();
  throw new ValueError("bad request");
});

function handler(_loop: EventLoop, context: ExceptionContext): void {
  console.log("handler:", context.message, (context.exception as Error).name);
}

const main = coroutine(async () => {
  get_running_loop().set_exception_handler(handler);
  let server = await start_server(handle, "127.0.0.1", 0);
  let [, port] = server.sockets[0].getsockname() as [string, number];
  console.log("serving", pybool(server.is_serving()), server.sockets.length);
  let [reader, writer] = await open_connection("127.0.0.1", port);
  const [host, peer_port] = writer.get_extra_info("peername") as [string, number];
  console.log("peer", pybool(host === "127.0.0.1" && peer_port === port));
  for (const word of ["hello", "world"]) {
    writer.write(bytes(`${word}\n`));
    await writer.drain();
    console.log("echo", pybytes(await reader.readline()));
  }
  server.close();
  console.log("serving", pybool(server.is_serving()), server.sockets.length);
  const closing = create_task(server.wait_closed());
  await sleep(0.05);
  console.log("server closed while a client is connected:", pybool(closing.done()));
  writer.write(bytes("last\n"));
  writer.write_eof();
  console.log("echo", pybytes(await reader.read()));
  console.log("at_eof", pybool(reader.at_eof()));
  writer.close();
  await writer.wait_closed();
  await closing;
  console.log("server closed");

  server = await start_server(failing, "127.0.0.1", 0);
  [, port] = server.sockets[0].getsockname() as [string, number];
  [reader, writer] = await open_connection("127.0.0.1", port);
  writer.write(bytes("GET\n"));
  console.log("after the error the server hung up:", pybytes(await reader.read()));
  writer.close();
  await writer.wait_closed();
  server.close();
  await server.wait_closed();
  try {
    await open_connection("127.0.0.1", port);
  } catch (e) {
    if (!(e instanceof ConnectionRefusedError)) throw e;
    console.log("refused");
  }
});

await run(main());
