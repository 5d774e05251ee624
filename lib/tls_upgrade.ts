/**
 * `loop.start_tls()`, as asyncio's: a connection already made goes on
 * over TLS, on the client's side or the server's. Deno only.
 *
 * Deno upgrades only a client connection that no read is pending on
 * (`Deno.startTls`), and has no server-side upgrade at all, while a
 * transport always has a read pending (it cannot be cancelled without
 * closing the connection). So the TLS session runs over a loopback
 * connection pair made for it, whose far end is relayed to and from the
 * original transport: ciphertext goes through the original connection as
 * asyncio's `SSLProtocol` sends it through its transport, and the new
 * transport's TLS connection is a real `Deno.TlsConn`.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { RuntimeError } from "./exceptions.ts";
import { _named } from "./_waiting.ts";
import type { ClientTlsOptions, ServerTlsOptions, StartTlsOptions, TlsContext } from "./loop_io.ts";
import { os_error } from "./_os_errors.ts";
import { check_option_keys } from "./_options.ts";
import { repr } from "./_repr.ts";
import type { BaseProtocol } from "./protocols.ts";
import { SocketTransport, type StreamingProtocol } from "./socket_transport.ts";
import { check_client_ssl, check_server_ssl } from "./_stream_checks.ts";
import { check_ssl_timeouts, handshake_within } from "./socket_events.ts";
import type { SocketAddress, Transport } from "./transports.ts";

/** The relayed bytes a relay holds before it pauses the original transport. */
const RELAY_HIGH_WATER = 256 * 1024;

/**
 * Carries bytes between the original transport (now serving this as its
 * protocol) and the loopback connection the TLS session runs over.
 */
class Relay {
  readonly #transport: SocketTransport;
  readonly #inner: Deno.Conn;
  /** Writes into the loopback connection, one after another. */
  #writing: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #paused = false;
  readonly #loop: AbstractEventLoop;

  constructor(loop: AbstractEventLoop, transport: SocketTransport, inner: Deno.Conn) {
    this.#loop = loop;
    this.#transport = transport;
    this.#inner = inner;
    loop._resources.add(this);
    this.#pump();
  }

  /** The loop closes: so does the loopback end (the transports close themselves). */
  _close_with_loop(): void {
    this.#end();
  }

  connection_made(): void {}

  /** Ciphertext from the peer: into the TLS session. */
  data_received(data: Uint8Array): void {
    this.#pending += data.length;
    if (this.#pending > RELAY_HIGH_WATER && !this.#paused) {
      this.#paused = true;
      this.#transport.pause_reading();
    }
    this.#writing = this.#writing.then(() => write_all(this.#inner, data)).then(() => {
      this.#pending -= data.length;
      if (this.#paused && this.#pending <= RELAY_HIGH_WATER / 4) {
        this.#paused = false;
        this.#transport.resume_reading();
      }
    }, () => this.#end());
  }

  /** The peer ended: so does the TLS session's far end, once what came before is in. */
  eof_received(): boolean {
    this.#writing = this.#writing.then(() => this.#inner.closeWrite()).catch(() => this.#end());
    return true;
  }

  /** The original connection is gone: the TLS session ends. */
  connection_lost(_error: Error | null): void {
    this.#writing.finally(() => this.#end());
  }

  pause_writing(): void {}

  resume_writing(): void {}

  /** The relay is over: the loopback end closes, the pump stops. */
  #end(): void {
    this.#loop._resources.delete(this);
    try {
      this.#inner.close();
    } catch {
      // closed already
    }
  }

  /** Ciphertext from the TLS session: out through the original transport. */
  async #pump(): Promise<void> {
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await this.#inner.read(buffer);
        if (n === null) break;
        this.#transport.write(buffer.slice(0, n));
      }
      this.#transport.close();
    } catch {
      this.#transport.abort();
    }
  }
}

async function write_all(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  while (data.length > 0) data = data.subarray(await conn.write(data));
}

/**
 * A loopback connection pair on 127.0.0.1: the TLS session's end (a
 * client over TLS, or the server's end of a TLS listener) and the plain
 * far end the relay uses.
 */
async function loopback_tls(
  sslcontext: TlsContext,
  server_side: boolean,
  server_hostname: string,
): Promise<[Deno.TlsConn, Deno.Conn]> {
  if (server_side) {
    const { cert, key } = sslcontext as ServerTlsOptions;
    const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, cert, key });
    try {
      const far = Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
      const near = await listener.accept();
      return [near, await far];
    } finally {
      listener.close();
    }
  }
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0, transport: "tcp" });
  let plain: Deno.TcpConn;
  let far: Deno.Conn;
  try {
    const connecting = Deno.connect({
      hostname: "127.0.0.1",
      port: listener.addr.port,
      transport: "tcp",
    });
    far = await listener.accept();
    plain = await connecting;
  } finally {
    listener.close();
  }
  const caCerts = sslcontext === true ? undefined : (sslcontext as ClientTlsOptions).ca_certs;
  return [await Deno.startTls(plain, { hostname: server_hostname, caCerts }), far];
}

const start_tls_body = _named(
  "start_tls",
  function* (
    loop: AbstractEventLoop,
    transport: SocketTransport,
    protocol: StreamingProtocol,
    sslcontext: TlsContext,
    server_side: boolean,
    server_hostname: string,
    handshake_timeout: number,
  ): Generator<unknown, SocketTransport, unknown> {
    // Nothing the peer sends from now on is the old protocol's.
    transport.pause_reading();
    let pair: [Deno.TlsConn, Deno.Conn];
    try {
      pair = (yield loopback_tls(sslcontext, server_side, server_hostname)) as [
        Deno.TlsConn,
        Deno.Conn,
      ];
    } catch (error) {
      transport.close();
      throw os_error(error);
    }
    const [tls, far] = pair;
    const relay = new Relay(loop, transport, far);
    transport.set_protocol(relay as unknown as StreamingProtocol);
    transport.resume_reading();
    try {
      yield* handshake_within(loop, tls, handshake_timeout);
    } catch (error) {
      transport.close();
      throw error;
    }
    const upgraded = new SocketTransport(loop, tls, protocol, null, transport);
    yield null; // reading starts on this iteration, as asyncio's waiter is set after it
    return upgraded;
  },
);

/** `loop.start_tls()`. */
export function start_tls(
  loop: AbstractEventLoop,
  transport: unknown,
  protocol: BaseProtocol,
  sslcontext: TlsContext,
  options?: StartTlsOptions,
): Coroutine<Transport> {
  if (!(transport instanceof SocketTransport)) {
    throw new TypeError(`transport ${repr(transport)} is not supported by start_tls()`);
  }
  if (transport.get_extra_info("sslcontext") === true) {
    throw new RuntimeError(`transport ${transport} is already over TLS`);
  }
  if (transport.is_closing()) throw new RuntimeError(`transport ${transport} is closing`);
  check_option_keys(
    options,
    ["server_side", "server_hostname", "ssl_handshake_timeout", "ssl_shutdown_timeout"],
    "start_tls()",
  );
  const server_side = options?.server_side ?? false;
  if (typeof server_side !== "boolean") {
    throw new TypeError(`start_tls(): server_side must be a boolean, got ${repr(server_side)}`);
  }
  if (server_side) {
    if (sslcontext === (true as unknown)) {
      throw new TypeError("start_tls(): sslcontext must be { cert, key } with server_side");
    }
    check_server_ssl(sslcontext, "start_tls()");
  } else {
    check_client_ssl(sslcontext, "start_tls()");
  }
  const peer = transport.get_extra_info("peername") as SocketAddress;
  const server_hostname = options?.server_hostname ??
    (Array.isArray(peer) ? peer[0] : "localhost");
  if (typeof server_hostname !== "string") {
    throw new TypeError(
      `start_tls(): server_hostname must be a string, got ${repr(server_hostname)}`,
    );
  }
  const [handshake_timeout] = check_ssl_timeouts(options, true, "start_tls()");
  return new Coroutine(start_tls_body, undefined, [
    loop,
    transport,
    protocol,
    sslcontext,
    server_side,
    server_hostname,
    handshake_timeout,
  ]) as Coroutine<Transport>;
}
