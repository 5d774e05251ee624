// Writing after close, as CPython 3.12: drain() right after close() raises ConnectionResetError('Connection lost'); write() after close is dropped quietly (writelines() too, where CPython 3.12.1 fails: see porting.md); write_eof() after close does nothing; wait_closed() returns; a transport's write after abort is dropped.
import { ConnectionResetError, coroutine, run } from "../../mod.ts";
import {
  open_connection,
  type SocketTransport,
  start_server,
  type StreamReader,
  type StreamWriter,
} from "../../io.ts";
import { pybool } from "./_pyrepr.ts";

const server_reads: number[] = [];
const bytes = (text: string) => new TextEncoder().encode(text);

const handle = coroutine(async (reader: StreamReader, writer: StreamWriter) => {
  const data = await reader.read();
  server_reads.push(data.length);
  writer.close();
  await writer.wait_closed();
});

const main = coroutine(async () => {
  const server = await start_server(handle, "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];

  let [, writer] = await open_connection("127.0.0.1", port);
  writer.write(bytes("abc"));
  writer.close();
  console.log("is_closing:", pybool(writer.is_closing()));
  try {
    await writer.drain();
    console.log("drain returned");
  } catch (error) {
    if (!(error instanceof ConnectionResetError)) throw error;
    console.log("drain:", error.name, error.message);
  }
  writer.write(bytes("dropped"));
  writer.write_eof();
  console.log("writes after close: no error");
  try {
    await writer.drain();
    console.log("drain returned");
  } catch (error) {
    if (!(error instanceof ConnectionResetError)) throw error;
    console.log("drain again:", error.name, error.message);
  }
  await writer.wait_closed();
  console.log("wait_closed returned");
  try {
    writer.write("text" as unknown as Uint8Array);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    console.log("write of str after close: TypeError");
  }

  [, writer] = await open_connection("127.0.0.1", port);
  (writer.transport as SocketTransport).abort();
  writer.write(bytes("after abort"));
  console.log(
    "after abort: buffer",
    writer.transport.get_write_buffer_size(),
    "closing",
    pybool(writer.is_closing()),
  );
  try {
    await writer.drain();
    console.log("drain returned");
  } catch (error) {
    if (!(error instanceof ConnectionResetError)) throw error;
    console.log("drain after abort:", error.name, error.message);
  }
  await writer.wait_closed();

  server.close();
  await server.wait_closed();
  console.log("server read:", `[${server_reads.join(", ")}]`);
});

await run(main());
