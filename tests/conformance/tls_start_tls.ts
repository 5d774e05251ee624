// STARTTLS: a plain connection upgraded with StreamWriter.start_tls() on both sides (the server's side for the accepted connection), then lines over TLS; the certificates are the repository's test ones.
import { coroutine, run } from "../../mod.ts";
import { open_connection, start_server, type StreamReader, type StreamWriter } from "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, FIXTURES));
const server_tls = { cert: read("tls_localhost_cert.pem"), key: read("tls_localhost_key.pem") };
const client_tls = { ca_certs: [read("tls_ca.pem")] };
const bytes = (text: string) => new TextEncoder().encode(text);
const upper = (data: Uint8Array) => bytes(new TextDecoder().decode(data).toUpperCase());
const over_tls = (writer: StreamWriter) => pybool(writer.get_extra_info("sslcontext") !== null);

const log: string[] = [];

const handle = coroutine(async (reader: StreamReader, writer: StreamWriter) => {
  const line = await reader.readline();
  log.push(`server got ${pybytes(line)}, over TLS: ${over_tls(writer)}`);
  writer.write(bytes("OK\n"));
  await writer.drain();
  await writer.start_tls(server_tls);
  log.push(`server upgraded, over TLS: ${over_tls(writer)}`);
  for await (const line of reader) {
    writer.write(upper(line));
    await writer.drain();
  }
  log.push("server: client finished");
  writer.close();
  await writer.wait_closed();
});

const main = coroutine(async () => {
  const server = await start_server(handle, "127.0.0.1", 0);
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [reader, writer] = await open_connection("127.0.0.1", port);
  writer.write(bytes("STARTTLS\n"));
  console.log("reply:", pybytes(await reader.readline()));
  await writer.start_tls(client_tls, { server_hostname: "localhost" });
  console.log("over TLS:", over_tls(writer));
  console.log(
    "peername kept:",
    pybool((writer.get_extra_info("peername") as [string, number])[1] === port),
  );
  console.log("can_write_eof:", pybool(writer.can_write_eof()));
  for (const word of ["hello\n", "secret\n"]) {
    writer.write(bytes(word));
    await writer.drain();
    console.log("reply:", pybytes(await reader.readline()));
  }
  writer.close();
  await writer.wait_closed();
  server.close();
  await server.wait_closed();
  for (const line of log) console.log(line);
});

await run(main());
