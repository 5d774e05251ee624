/**
 * Protocols, as asyncio's `protocols` module: the callbacks a transport
 * calls as a connection is made, receives data, and ends. Subclass one and
 * override what you need; every method does nothing by default. Runtime
 * free: the loop's I/O methods (`loop.create_connection()`, ...) come with
 * `@aiots/asyncio/io`.
 *
 * @module
 */

import type { BaseTransport, DatagramTransport, Transport } from "./transports.ts";

/**
 * What every protocol has, as asyncio's `BaseProtocol`: the connection is
 * made, lost, and writing is paused and resumed by the transport's flow
 * control.
 *
 * @example A protocol that logs its connection
 * ```ts
 * import { BaseProtocol, type BaseTransport } from "@aiots/asyncio";
 * class Logging extends BaseProtocol {
 *   override connection_made(_transport: BaseTransport): void {
 *     console.log("connected");
 *   }
 * }
 * new Logging().connection_made({} as BaseTransport); // connected
 * ```
 */
export class BaseProtocol {
  /** The connection is made; `transport` is its transport. Reading starts after this. */
  connection_made(_transport: BaseTransport): void {}

  /** The connection is lost or closed: `null` for a normal close (or an end of stream), else the error. */
  connection_lost(_error: Error | null): void {}

  /** The transport's write buffer went over its high-water mark: stop writing. */
  pause_writing(): void {}

  /** The transport's write buffer went down to its low-water mark: go on writing. */
  resume_writing(): void {}
}

/**
 * A stream protocol, as asyncio's `Protocol`: bytes arrive in
 * `data_received()`; the end of the stream in `eof_received()`.
 *
 * @example Echo what arrives
 * ```ts
 * import { Protocol, type Transport } from "@aiots/asyncio";
 * class Echo extends Protocol {
 *   transport: Transport | null = null;
 *   override connection_made(transport: Transport): void {
 *     this.transport = transport;
 *   }
 *   override data_received(data: Uint8Array): void {
 *     this.transport?.write(data);
 *   }
 * }
 * console.log(new Echo().eof_received()); // undefined
 * ```
 */
export class Protocol extends BaseProtocol {
  /** The connection is made; `transport` is its transport. */
  override connection_made(_transport: Transport): void {}

  /** Bytes arrived. */
  data_received(_data: Uint8Array): void {}

  /**
   * The peer ended its side of the stream. A true value keeps the
   * transport open for writing (and the protocol closes it); anything else
   * closes it.
   */
  eof_received(): boolean | void {}
}

/**
 * A stream protocol that lends its own buffer, as asyncio's
 * `BufferedProtocol`: the transport asks for a buffer with `get_buffer()`,
 * writes received bytes into it and says how many with `buffer_updated()`.
 *
 * @example Receive into one buffer
 * ```ts
 * import { BufferedProtocol } from "@aiots/asyncio";
 * class Into extends BufferedProtocol {
 *   readonly buffer = new Uint8Array(4096);
 *   received = 0;
 *   override get_buffer(_sizehint: number): Uint8Array {
 *     return this.buffer;
 *   }
 *   override buffer_updated(nbytes: number): void {
 *     this.received += nbytes;
 *   }
 * }
 * const protocol = new Into();
 * protocol.get_buffer(-1).set([1, 2, 3]);
 * protocol.buffer_updated(3);
 * console.log(protocol.received); // 3
 * ```
 */
export class BufferedProtocol extends BaseProtocol {
  /** The connection is made; `transport` is its transport. */
  override connection_made(_transport: Transport): void {}

  /**
   * The buffer to receive into: not empty. `sizehint` is the size wanted
   * (-1: any).
   */
  get_buffer(_sizehint: number): Uint8Array {
    return new Uint8Array(0);
  }

  /** `nbytes` bytes were written at the start of the last buffer. */
  buffer_updated(_nbytes: number): void {}

  /** The peer ended its side: a true value keeps the transport open for writing. */
  eof_received(): boolean | void {}
}

/**
 * A datagram protocol, as asyncio's `DatagramProtocol`.
 *
 * @example Count datagrams
 * ```ts
 * import { DatagramProtocol } from "@aiots/asyncio";
 * class Counting extends DatagramProtocol {
 *   count = 0;
 *   override datagram_received(_data: Uint8Array, _addr: [string, number] | string): void {
 *     this.count++;
 *   }
 * }
 * const protocol = new Counting();
 * protocol.datagram_received(new Uint8Array(1), ["127.0.0.1", 9]);
 * console.log(protocol.count); // 1
 * ```
 */
export class DatagramProtocol extends BaseProtocol {
  /** The endpoint is ready; `transport` sends. */
  override connection_made(_transport: DatagramTransport): void {}

  /** A datagram arrived from `addr` (`[host, port]`). */
  datagram_received(_data: Uint8Array, _addr: [string, number] | string): void {}

  /** A send or receive failed with an `OSError` (the endpoint stays open). */
  error_received(_error: Error): void {}
}

/**
 * A subprocess protocol, as asyncio's `SubprocessProtocol`: the child's
 * pipes and its exit.
 *
 * @example
 * ```ts
 * import { SubprocessProtocol } from "@aiots/asyncio";
 * class Output extends SubprocessProtocol {
 *   text = "";
 *   override pipe_data_received(_fd: number, data: Uint8Array): void {
 *     this.text += new TextDecoder().decode(data);
 *   }
 * }
 * const protocol = new Output();
 * protocol.pipe_data_received(1, new TextEncoder().encode("hi"));
 * console.log(protocol.text); // hi
 * ```
 */
export class SubprocessProtocol extends BaseProtocol {
  /** Bytes arrived on the child's `fd` (1: stdout, 2: stderr). */
  pipe_data_received(_fd: number, _data: Uint8Array): void {}

  /** The pipe `fd` closed, normally (`null`) or with an error. */
  pipe_connection_lost(_fd: number, _error: Error | null): void {}

  /** The child exited. */
  process_exited(): void {}
}
