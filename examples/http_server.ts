/**
 * An HTTP/1.1 server on asyncio streams: keep-alive (a connection serves
 * requests until the client says `Connection: close` or speaks HTTP/1.0),
 * request bodies by `Content-Length` or `Transfer-Encoding: chunked`, and
 * `400 Bad Request` for a malformed request line or header. Each response
 * tells what was asked: the method, the target and the body.
 *
 *     deno run --allow-net examples/http_server.ts [port]
 *
 * It prints `listening on http://127.0.0.1:PORT/` and serves until SIGINT
 * or SIGTERM, then closes the server and waits for its connections.
 *
 * @module
 */

import { coroutine, get_running_loop, IncompleteReadError, run } from "@aiots/asyncio";
import { start_server, type StreamReader, type StreamWriter } from "@aiots/asyncio/io";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A request that cannot be parsed: answered with 400, then the connection closes. */
class BadRequest extends Error {}

/** `METHOD SP TARGET SP HTTP/1.x`, nothing else. */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/1\.([01])\r?\n$/;

interface Request {
  method: string;
  target: string;
  minor: number;
  headers: Map<string, string>;
  body: Uint8Array;
}

async function read_line(reader: StreamReader): Promise<string> {
  const line = await reader.readline();
  if (line.length > 0 && line[line.length - 1] !== 0x0a) throw new BadRequest("truncated line");
  return decoder.decode(line);
}

/** Reads a chunked body: hex sizes, each chunk followed by CRLF, a 0 chunk, then trailers. */
async function read_chunked(reader: StreamReader): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const size_line = (await read_line(reader)).trim().split(";")[0];
    if (!/^[0-9a-fA-F]+$/.test(size_line)) throw new BadRequest("bad chunk size");
    const size = parseInt(size_line, 16);
    if (size === 0) break;
    chunks.push(await reader.readexactly(size));
    if ((await read_line(reader)).trim() !== "") throw new BadRequest("bad chunk end");
  }
  while ((await read_line(reader)).trim() !== ""); // trailers
  const body = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** The next request, or `null` when the client closed between requests. */
async function read_request(reader: StreamReader): Promise<Request | null> {
  const line = await read_line(reader);
  if (line === "") return null;
  const match = REQUEST_LINE.exec(line);
  if (match === null) throw new BadRequest("malformed request line");
  const headers = new Map<string, string>();
  for (;;) {
    const header = await read_line(reader);
    if (header === "") throw new BadRequest("no end of headers");
    if (header.trim() === "") break;
    const colon = header.indexOf(":");
    if (colon <= 0) throw new BadRequest("malformed header");
    headers.set(header.slice(0, colon).trim().toLowerCase(), header.slice(colon + 1).trim());
  }
  let body: Uint8Array = new Uint8Array(0);
  if (headers.get("transfer-encoding")?.toLowerCase() === "chunked") {
    body = await read_chunked(reader);
  } else if (headers.has("content-length")) {
    const length = headers.get("content-length")!;
    if (!/^\d+$/.test(length)) throw new BadRequest("bad Content-Length");
    body = await reader.readexactly(Number(length));
  }
  return { method: match[1], target: match[2], minor: Number(match[3]), headers, body };
}

function respond(
  writer: StreamWriter,
  status: string,
  body: string,
  keep_alive: boolean,
): void {
  const payload = encoder.encode(body);
  writer.write(encoder.encode(
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${payload.length}\r\nConnection: ${
        keep_alive ? "keep-alive" : "close"
      }\r\n\r\n`,
  ));
  writer.write(payload);
}

/** Serves one connection: requests until the client or a bad request ends it. */
export async function serve_connection(reader: StreamReader, writer: StreamWriter): Promise<void> {
  try {
    for (;;) {
      let request: Request | null;
      try {
        request = await read_request(reader);
      } catch (error) {
        if (!(error instanceof BadRequest || error instanceof IncompleteReadError)) throw error;
        respond(writer, "400 Bad Request", `bad request: ${(error as Error).message}\n`, false);
        await writer.drain();
        break;
      }
      if (request === null) break;
      const connection = request.headers.get("connection")?.toLowerCase();
      const keep_alive = request.minor === 1 ? connection !== "close" : connection === "keep-alive";
      const body = request.body.length === 0
        ? ""
        : ` with ${request.body.length} bytes: ${decoder.decode(request.body)}`;
      respond(writer, "200 OK", `${request.method} ${request.target}${body}\n`, keep_alive);
      await writer.drain();
      if (!keep_alive) break;
    }
  } finally {
    writer.close();
    try {
      await writer.wait_closed();
    } catch {
      // the client reset the connection: nothing left to do
    }
  }
}

if (import.meta.main) {
  await run(
    coroutine(async () => {
      const port = Number(Deno.args[0] ?? 8080);
      const server = await start_server(serve_connection, "127.0.0.1", port);
      const [, bound] = server.sockets[0].getsockname() as [string, number];
      const loop = get_running_loop();
      const stopped = loop.create_future<void>();
      for (const signal of ["SIGINT", "SIGTERM"]) {
        loop.add_signal_handler(signal, () => {
          if (!stopped.done()) stopped.set_result();
        });
      }
      console.log(`listening on http://127.0.0.1:${bound}/`);
      await stopped;
      for (const signal of ["SIGINT", "SIGTERM"]) loop.remove_signal_handler(signal);
      server.close();
      server.close_clients();
      await server.wait_closed();
      console.log("stopped");
    })(),
  );
}
