/**
 * UDP, as asyncio's `create_datagram_endpoint` and datagram transport, over
 * Deno's datagram sockets. `Deno.listenDatagram` is unstable: Deno must run
 * with `--unstable-net` (or `"unstable": ["net"]` in `deno.json`); without
 * it, `create_datagram_endpoint()` says so.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { RuntimeError, ValueError } from "./exceptions.ts";
import { _named } from "./_waiting.ts";
import { get_logger } from "./log.ts";
import type { DatagramEndpointOptions } from "./loop_io.ts";
import { os_error } from "./_os_errors.ts";
import { check_function } from "./_checks.ts";
import { check_option_keys } from "./_options.ts";
import { repr } from "./_repr.ts";
import type { DatagramProtocol } from "./protocols.ts";
import { make_endpoint } from "./socket_events.ts";
import { format_address } from "./socket_transport.ts";
import { check_port } from "./_stream_checks.ts";
import type { DatagramTransport, SocketAddress } from "./transports.ts";

/** The part of Deno's unstable `DatagramConn` used here. */
interface UdpConn {
  receive(buffer?: Uint8Array): Promise<[Uint8Array, Deno.NetAddr]>;
  send(data: Uint8Array, addr: Deno.NetAddr): Promise<number>;
  close(): void;
  readonly addr: Deno.NetAddr;
}

type ListenDatagram = (
  options: { transport: "udp"; hostname: string; port: number; reuseAddress?: boolean },
) => UdpConn;

/** The largest datagram read, as CPython's `max_size` for datagram transports. */
const MAX_DATAGRAM = 256 * 1024;

/** As CPython's `LOG_THRESHOLD_FOR_CONNLOST_WRITES`. */
const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

/** `Deno.listenDatagram`, or a clear error without `--unstable-net`. */
function listen_datagram(): ListenDatagram {
  const listen = (Deno as unknown as { listenDatagram?: ListenDatagram }).listenDatagram;
  if (typeof listen !== "function") {
    throw new RuntimeError(
      "create_datagram_endpoint() needs Deno's datagram sockets, which are unstable: " +
        'run Deno with --unstable-net (or put "unstable": ["net"] in deno.json)',
    );
  }
  return listen;
}

function report_error(transport: UdpTransport): void {
  transport._deliver_error();
}

/**
 * A UDP endpoint, as asyncio's datagram transport: `sendto()` sends at once
 * (in order, after what is still being sent), datagrams arrive in the
 * protocol's `datagram_received(data, [host, port])`, and a failed send or
 * receive goes to its `error_received(error)` as an `OSError`, the
 * endpoint staying open. With a `remote_addr`, `sendto()` needs no
 * address, and datagrams from elsewhere are dropped (as a connected
 * socket's kernel drops them). `loop.create_datagram_endpoint()` makes
 * these.
 *
 * @example An echo over UDP
 * ```ts ignore
 * import { coroutine, DatagramProtocol, type DatagramTransport, get_running_loop, run } from "@aiots/asyncio";
 * import "@aiots/asyncio/io";
 * class Echo extends DatagramProtocol {
 *   transport!: DatagramTransport;
 *   override connection_made(transport: DatagramTransport): void {
 *     this.transport = transport;
 *   }
 *   override datagram_received(data: Uint8Array, addr: [string, number] | string): void {
 *     this.transport.sendto(data, addr);
 *   }
 * }
 * await run(coroutine(async () => {
 *   const loop = get_running_loop();
 *   const [transport] = await loop.create_datagram_endpoint(() => new Echo(), {
 *     local_addr: ["127.0.0.1", 9999],
 *   });
 *   // ... serve, then
 *   transport.close();
 * })());
 * ```
 */
export class UdpTransport implements DatagramTransport {
  readonly #loop: AbstractEventLoop;
  readonly #conn: UdpConn;
  readonly #protocol: DatagramProtocol;
  readonly #remote: [string, number] | null;
  #closing = false;
  /** 0 while open; then 1, plus the sends dropped since (asyncio's `_conn_lost`). */
  #conn_lost = 0;
  #buffer_size = 0;
  /** The chain of sends: each starts when the one before is done. */
  #sending: Promise<void> = Promise.resolve();
  #pending_sends = 0;
  #receiving: Promise<void> | null = null;
  /** Errors of sends and receives, to hand to the protocol on the loop. */
  readonly #errors: Error[] = [];

  /** Wraps `conn`; `connection_made` is called on the next loop iteration, then receiving starts. */
  constructor(
    loop: AbstractEventLoop,
    conn: UdpConn,
    protocol: DatagramProtocol,
    remote: [string, number] | null,
  ) {
    this.#loop = loop;
    this.#conn = conn;
    this.#protocol = protocol;
    this.#remote = remote;
    loop._resources.add(this);
    loop._call_soon1(connection_made, this);
  }

  /** @ignore */
  _connection_made(): void {
    try {
      this.#protocol.connection_made(this);
    } finally {
      if (!this.#closing) this.#receiving = this.#receive_loop();
    }
  }

  /** `sockname` (`[host, port]`), `peername` (the `remote_addr`, or `null`), `socket` (Deno's). */
  get_extra_info(name: string, fallback: unknown = null): unknown {
    switch (name) {
      case "sockname":
        return [this.#conn.addr.hostname, this.#conn.addr.port];
      case "peername":
        return this.#remote ?? fallback;
      case "socket":
        return this.#conn;
      default:
        return fallback;
    }
  }

  /** Whether it is closing or closed. */
  is_closing(): boolean {
    return this.#closing;
  }

  /** Bytes of datagrams not yet sent. */
  get_write_buffer_size(): number {
    return this.#buffer_size;
  }

  /**
   * Sends `data` as one datagram to `addr`, or to the `remote_addr` the
   * endpoint was made with. Empty data sends nothing, as asyncio's.
   *
   * @throws {TypeError} When `data` is not a `Uint8Array`, or no address is known.
   * @throws {ValueError} When `addr` is not the endpoint's `remote_addr`.
   */
  sendto(data: Uint8Array, addr: SocketAddress | null = null): void {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`sendto(): data must be a Uint8Array, got ${repr(data)}`);
    }
    if (data.length === 0) return;
    const remote = this.#remote;
    if (remote !== null) {
      if (addr !== null && !same_address(addr, remote)) {
        throw new ValueError(`Invalid address: must be None or ${format_tuple(remote)}`);
      }
      addr = remote;
    }
    if (!Array.isArray(addr) || typeof addr[0] !== "string" || typeof addr[1] !== "number") {
      throw new TypeError(`sendto(): addr must be [host, port], got ${repr(addr)}`);
    }
    if (this.#conn_lost !== 0) {
      if (this.#conn_lost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        get_logger().warning("socket.send() raised exception.");
      }
      this.#conn_lost++;
      return;
    }
    const copy = data.slice();
    const target: Deno.NetAddr = { transport: "udp", hostname: addr[0], port: addr[1] };
    this.#buffer_size += copy.length;
    this.#pending_sends++;
    this.#sending = this.#sending.then(() => this.#send(copy, target));
  }

  /** Closes once what is being sent is sent; `connection_lost(null)` follows. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#pending_sends === 0) this.#lose();
  }

  /** Closes at once, dropping what is not sent. */
  abort(): void {
    this.#closing = true;
    this.#lose();
  }

  /** @ignore */
  _close_with_loop(): void {
    this.abort();
  }

  /** Describes it: `<UdpTransport open local=127.0.0.1:9999>`. */
  toString(): string {
    const local = format_address([this.#conn.addr.hostname, this.#conn.addr.port]);
    return `<UdpTransport ${this.#closing ? "closing" : "open"} local=${local}>`;
  }

  async #send(data: Uint8Array, target: Deno.NetAddr): Promise<void> {
    try {
      if (this.#conn_lost === 0) await this.#conn.send(data, target);
    } catch (error) {
      if (this.#conn_lost === 0) this.#error(error);
    } finally {
      this.#buffer_size -= data.length;
      this.#pending_sends--;
      if (this.#pending_sends === 0 && this.#closing) this.#lose();
    }
  }

  async #receive_loop(): Promise<void> {
    const buffer = new Uint8Array(MAX_DATAGRAM);
    while (this.#conn_lost === 0) {
      let data: Uint8Array;
      let from: Deno.NetAddr;
      try {
        [data, from] = await this.#conn.receive(buffer);
      } catch (error) {
        if (this.#conn_lost !== 0) return;
        this.#error(error);
        continue;
      }
      if (this.#conn_lost !== 0) return;
      const addr: [string, number] = [from.hostname, from.port];
      if (this.#remote !== null && !same_address(addr, this.#remote)) continue;
      try {
        this.#protocol.datagram_received(data.slice(), addr);
      } catch (error) {
        this.#loop.call_exception_handler({
          message: `Exception in callback ${this}._read_ready()`,
          exception: error,
          transport: this,
          protocol: this.#protocol,
        });
      }
    }
  }

  /** A send or receive failed: to the protocol's `error_received`, on the loop. */
  #error(error: unknown): void {
    this.#errors.push(os_error(error instanceof Error ? error : new Error(String(error))));
    if (!this.#loop.is_closed()) this.#loop._call_soon1(report_error, this);
  }

  /** @ignore */
  _deliver_error(): void {
    const error = this.#errors.shift();
    if (error !== undefined && this.#conn_lost === 0) this.#protocol.error_received(error);
  }

  #lose(): void {
    if (this.#conn_lost !== 0) return;
    this.#conn_lost = 1;
    try {
      this.#conn.close();
    } catch {
      // closed already
    }
    const loop = this.#loop;
    loop._resources.delete(this);
    Promise.all([this.#receiving, this.#sending]).then(() => {
      if (!loop.is_closed()) loop._call_soon1(connection_lost, this);
    });
  }

  /** @ignore */
  _call_connection_lost(): void {
    this.#protocol.connection_lost(null);
  }
}

function connection_made(transport: UdpTransport): void {
  transport._connection_made();
}

function connection_lost(transport: UdpTransport): void {
  transport._call_connection_lost();
}

function same_address(a: SocketAddress, b: [string, number]): boolean {
  return Array.isArray(a) && a[0] === b[0] && a[1] === b[1];
}

/** `('127.0.0.1', 9999)`, as asyncio's message shows the address. */
function format_tuple([host, port]: [string, number]): string {
  return `('${host}', ${port})`;
}

const create_datagram_endpoint_body = _named(
  "create_datagram_endpoint",
  function* <P extends DatagramProtocol>(
    loop: AbstractEventLoop,
    protocol_factory: () => P,
    local: [string, number],
    remote: [string, number] | null,
    reuse_port: boolean,
  ): Generator<unknown, [UdpTransport, P], unknown> {
    const listen = listen_datagram();
    let conn: UdpConn;
    try {
      conn = listen({
        transport: "udp",
        hostname: local[0],
        port: local[1],
        reuseAddress: reuse_port,
      });
    } catch (error) {
      throw os_error(error);
    }
    return yield* make_endpoint(
      conn,
      protocol_factory,
      (protocol) => new UdpTransport(loop, conn, protocol, remote),
    );
  },
);

function check_address(addr: unknown, what: string): [string, number] | null {
  if (addr === undefined || addr === null) return null;
  if (!Array.isArray(addr) || addr.length !== 2 || typeof addr[0] !== "string") {
    throw new TypeError(`${what} must be [host, port], got ${repr(addr)}`);
  }
  check_port(addr[1], `${what}[1]`);
  return [addr[0], addr[1]];
}

/** `loop.create_datagram_endpoint()`. */
export function create_datagram_endpoint<P extends DatagramProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  options?: DatagramEndpointOptions,
): Coroutine<[UdpTransport, P]> {
  check_function(protocol_factory, "create_datagram_endpoint(): protocol_factory");
  check_option_keys(
    options,
    ["local_addr", "remote_addr", "reuse_port"],
    "create_datagram_endpoint()",
  );
  const local = check_address(options?.local_addr, "create_datagram_endpoint(): local_addr");
  const remote = check_address(options?.remote_addr, "create_datagram_endpoint(): remote_addr");
  if (local === null && remote === null) {
    throw new ValueError("unexpected address family");
  }
  const reuse_port = options?.reuse_port ?? false;
  if (typeof reuse_port !== "boolean") {
    throw new TypeError(
      `create_datagram_endpoint(): reuse_port must be a boolean, got ${repr(reuse_port)}`,
    );
  }
  return new Coroutine(create_datagram_endpoint_body, undefined, [
    loop,
    protocol_factory,
    local ?? ["0.0.0.0", 0],
    remote,
    reuse_port,
  ]);
}
