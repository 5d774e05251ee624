/**
 * Transports, as asyncio's `transports` module: what a protocol can ask
 * of its connection. Runtime free: the I/O entry point makes them.
 *
 * @module
 */

/** An address as asyncio gives it: `[host, port]`, or the path of a Unix socket. */
export type SocketAddress = [string, number] | string;

/** What every transport has, as asyncio's `BaseTransport`. */
export interface BaseTransport {
  /** Information about the transport (`peername`, `sockname`, ...), or `fallback`. */
  get_extra_info(name: string, fallback?: unknown): unknown;
  /** Whether it is closing or closed. */
  is_closing(): boolean;
  /** Closes it: buffered data is sent first; the protocol's `connection_lost(null)` follows. */
  close(): void;
}

/** What a `StreamReader` needs of its transport: flow control of reading. */
export interface ReadTransport {
  /** Stops delivering data. */
  pause_reading(): void;
  /** Goes on delivering data. */
  resume_reading(): void;
}

/** What `StreamWriter` needs of a transport: asyncio's `WriteTransport`. */
export interface WriteTransport {
  /** Buffers `data` to send. */
  write(data: Uint8Array): void;
  /** Buffers each chunk. */
  writelines(chunks: Iterable<Uint8Array>): void;
  /** Ends the sending side once the buffer is sent. */
  write_eof(): void;
  /** Whether `write_eof()` is supported. */
  can_write_eof(): boolean;
  /** Closes once the buffer is sent. */
  close(): void;
  /** Closes at once, dropping the buffer. */
  abort(): void;
  /** Whether it is closing or closed. */
  is_closing(): boolean;
  /** Information about the transport, or `fallback`. */
  get_extra_info(name: string, fallback?: unknown): unknown;
  /** Bytes buffered. */
  get_write_buffer_size(): number;
  /** The `[low, high]` water marks. */
  get_write_buffer_limits(): [number, number];
  /** Sets the water marks. */
  set_write_buffer_limits(high?: number | null, low?: number | null): void;
}

/** A stream connection, as asyncio's `Transport`: reading and writing. */
export interface Transport extends BaseTransport, ReadTransport, WriteTransport {
  /** Whether data is being delivered (not paused, not closing). */
  is_reading(): boolean;
}

/** A datagram endpoint, as asyncio's `DatagramTransport`. */
export interface DatagramTransport extends BaseTransport {
  /**
   * Sends `data` to `addr`, or to the remote address the endpoint was
   * made with (then `addr` must be left out or equal to it).
   */
  sendto(data: Uint8Array, addr?: SocketAddress | null): void;
  /** Closes at once, dropping what is buffered. */
  abort(): void;
  /** Bytes buffered. */
  get_write_buffer_size(): number;
}

/** A transport that only reads, as asyncio's `ReadTransport`: a child's stdout or stderr pipe. */
export interface PipeReadTransport extends BaseTransport, ReadTransport {
  /** Whether data is being delivered (not paused, not closing). */
  is_reading(): boolean;
}

/** A child process and its pipes, as asyncio's `SubprocessTransport`. */
export interface SubprocessTransport extends BaseTransport {
  /** The child's process id. */
  get_pid(): number;
  /** The exit code once the child exited (negative: the signal that ended it), else `null`. */
  get_returncode(): number | null;
  /** The transport of the child's stdin (0), or `null` without a pipe. */
  get_pipe_transport(fd: 0): WriteTransport | null;
  /** The transport of the child's stdout (1) or stderr (2), or `null` without a pipe. */
  get_pipe_transport(fd: number): PipeReadTransport | null;
  /** Sends `signal` (a name such as `"SIGINT"`, or its number) to the child. */
  send_signal(signal: string | number): void;
  /** Sends `SIGTERM`. */
  terminate(): void;
  /** Sends `SIGKILL`. */
  kill(): void;
}
