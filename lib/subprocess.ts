/**
 * Subprocesses, as asyncio's `subprocess` module, over `Deno.Command`:
 * `create_subprocess_exec` and `create_subprocess_shell` give a `Process`
 * whose pipes are a `StreamWriter` (stdin) and `StreamReader`s (stdout,
 * stderr). Deno only: import them from `@aiots/asyncio/io`.
 *
 * @module
 */

import type { EventLoop } from "./base_events.ts";
import { Coroutine } from "./coroutines.ts";
import { get_running_loop } from "./events.ts";
import {
  BrokenPipeError,
  ConnectionResetError,
  ProcessLookupError,
  ValueError,
} from "./exceptions.ts";
import type { Future } from "./futures.ts";
import { gather } from "./gather.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import { check_option_keys } from "./_options.ts";
import { os_error } from "./_os_errors.ts";
import { repr } from "./_repr.ts";
import { signal_name, SIGNAL_NUMBERS } from "./_signals.ts";
import { type ByteSource, ReadPump } from "./_read_pump.ts";
import { type ByteSink, WriteQueue } from "./_write_queue.ts";
import { FlowControlMixin } from "./stream_protocol.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";
import type { WriteTransport } from "./transports.ts";

/**
 * Connects a standard stream of the child to a pipe the parent reads or
 * writes: `proc.stdin`, `proc.stdout`, `proc.stderr`.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { create_subprocess_exec, PIPE } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const proc = await create_subprocess_exec("echo", "piped", { stdout: PIPE });
 *   console.log(new TextDecoder().decode(await proc.stdout!.read()).trim()); // piped
 *   await proc.wait();
 * })());
 * ```
 */
export const PIPE: -1 = -1;

/**
 * For `stderr`: into the same pipe as `stdout` (which must be `PIPE`).
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { create_subprocess_shell, PIPE, STDOUT } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const proc = await create_subprocess_shell("echo err >&2", { stdout: PIPE, stderr: STDOUT });
 *   const [out, err] = await proc.communicate();
 *   console.log(new TextDecoder().decode(out!).trim(), err); // err null
 * })());
 * ```
 */
export const STDOUT: -2 = -2;

/**
 * Connects a standard stream of the child to the null device.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { create_subprocess_exec, DEVNULL } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const proc = await create_subprocess_exec("echo", "unseen", { stdout: DEVNULL });
 *   console.log(await proc.wait()); // 0
 * })());
 * ```
 */
export const DEVNULL: -3 = -3;

/** What a standard stream of the child is connected to; `null` inherits the parent's. */
export type Redirect = typeof PIPE | typeof DEVNULL | null;

/** Options of `create_subprocess_exec()` and `create_subprocess_shell()`. */
export interface SubprocessOptions {
  /** `PIPE`, `DEVNULL`, or `null` (the default: the parent's). */
  stdin?: Redirect;
  /** `PIPE`, `DEVNULL`, or `null` (the default: the parent's). */
  stdout?: Redirect;
  /** `PIPE`, `STDOUT` (into stdout's pipe), `DEVNULL`, or `null` (the parent's). */
  stderr?: Redirect | typeof STDOUT;
  /** The buffer limit of the `StreamReader`s (64 KiB by default). */
  limit?: number;
  /** The working directory of the child. */
  cwd?: string;
  /** The whole environment of the child (the parent's by default). */
  env?: Record<string, string>;
}

const OPTION_NAMES = ["stdin", "stdout", "stderr", "limit", "cwd", "env"] as const;

/** A `ReadableStream` as a source of bytes. */
class StreamBytes implements ByteSource {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  async read(): Promise<Uint8Array | null> {
    const { value, done } = await this.#reader.read();
    return done ? null : value;
  }

  /** Stops reading; the pending read ends. */
  cancel(): Promise<void> {
    return this.#reader.cancel().catch(() => {});
  }
}

/** A `WritableStream` as a sink of bytes. */
class WritableBytes implements ByteSink {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;

  constructor(stream: WritableStream<Uint8Array>) {
    this.#writer = stream.getWriter();
  }

  async send(chunk: Uint8Array): Promise<number> {
    await this.#writer.write(chunk);
    return chunk.length;
  }

  send_eof(): Promise<void> {
    return this.#writer.close();
  }

  /** Closes at once, dropping what is queued. */
  abort(): Promise<void> {
    return this.#writer.abort().catch(() => {});
  }
}

/**
 * A pipe the parent reads: stdout, or stderr (or both, when stderr goes
 * to stdout's pipe). Bytes go to the process transport as the pipe's fd.
 */
class ReadPipeTransport {
  readonly #process: SubprocessTransport;
  readonly #fd: number;
  readonly #sources: StreamBytes[];
  readonly #pumps: ReadPump[];
  #open: number;
  #closing = false;
  #error: Error | null = null;

  constructor(process: SubprocessTransport, fd: number, streams: ReadableStream<Uint8Array>[]) {
    this.#process = process;
    this.#fd = fd;
    this.#sources = streams.map((stream) => new StreamBytes(stream));
    this.#pumps = this.#sources.map((source) =>
      new ReadPump(source, {
        _data_received: (data) => this.#process._pipe_data_received(this.#fd, data),
        _eof_received: () => this.#source_ended(null),
        _read_failed: (error) => this.#source_ended(error),
      })
    );
    this.#open = this.#pumps.length;
  }

  /** Whether the pipe is closed or closing. */
  get disconnected(): boolean {
    return this.#open === 0;
  }

  start(): void {
    for (const pump of this.#pumps) pump.start();
  }

  pause_reading(): void {
    for (const pump of this.#pumps) pump.pause();
  }

  resume_reading(): void {
    for (const pump of this.#pumps) pump.resume();
  }

  is_closing(): boolean {
    return this.#closing;
  }

  /** Stops reading: what the child still writes is dropped. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    for (const pump of this.#pumps) pump.stop();
    const pending = this.#pumps.map((pump) => pump.done);
    for (const source of this.#sources) source.cancel();
    Promise.all(pending).then(() => this.#all_ended());
  }

  toString(): string {
    return `<ReadPipeTransport fd=${this.#fd}${this.#closing ? " closing" : ""}>`;
  }

  #source_ended(error: Error | null): void {
    this.#error ??= error;
    if (--this.#open === 0 && !this.#closing) {
      this.#closing = true;
      this.#process._pipe_connection_lost(this.#fd, this.#error);
    }
  }

  #all_ended(): void {
    if (this.#open > 0) {
      this.#open = 0;
      this.#process._pipe_connection_lost(this.#fd, null);
    }
  }
}

/** The pipe to the child's stdin, as asyncio's write pipe transport. */
class WritePipeTransport implements WriteTransport {
  readonly #process: SubprocessTransport;
  readonly #sink: WritableBytes;
  readonly #queue: WriteQueue;
  #closing = false;
  #lost = false;

  constructor(
    loop: EventLoop,
    process: SubprocessTransport,
    stream: WritableStream<Uint8Array>,
  ) {
    this.#process = process;
    this.#sink = new WritableBytes(stream);
    this.#queue = new WriteQueue(loop, this.#sink, {
      _pause_writing: () => this.#process._protocol.pause_writing(),
      _resume_writing: () => this.#process._protocol.resume_writing(),
      _write_failed: (error) => this.#lose(error),
      _write_flushed: () => {
        if (this.#closing || this.#queue.eof_requested) this.#lose(null);
      },
    });
  }

  /** Whether the pipe is closed (or lost). */
  get disconnected(): boolean {
    return this.#lost;
  }

  write(data: Uint8Array): void {
    this.#queue.write(data);
  }

  writelines(chunks: Iterable<Uint8Array>): void {
    for (const chunk of chunks) this.write(chunk);
  }

  /** Closes the pipe once the buffer is sent: the child reads the end. */
  write_eof(): void {
    this.close();
  }

  can_write_eof(): boolean {
    return true;
  }

  close(): void {
    if (this.#closing || this.#lost) return;
    this.#closing = true;
    this.#queue.push_eof();
  }

  abort(): void {
    this.#abort(null);
  }

  is_closing(): boolean {
    return this.#closing || this.#lost;
  }

  get_extra_info(_name: string, fallback: unknown = null): unknown {
    return fallback;
  }

  get_write_buffer_size(): number {
    return this.#queue.size;
  }

  get_write_buffer_limits(): [number, number] {
    return this.#queue.limits;
  }

  set_write_buffer_limits(high: number | null = null, low: number | null = null): void {
    this.#queue.set_limits(high, low);
  }

  toString(): string {
    return `<WritePipeTransport fd=0${this.is_closing() ? " closing" : ""}>`;
  }

  /**
   * The child exited: it reads no more. Like asyncio's, what is still
   * buffered is lost with `BrokenPipe`.
   *
   * @ignore
   */
  _child_exited(): void {
    if (this.#lost) return;
    this.#abort(this.#queue.size > 0 ? new BrokenPipeError("the child exited") : null);
  }

  #abort(error: Error | null): void {
    if (this.#lost) return;
    this.#closing = true;
    this.#queue.stop();
    const sending = this.#queue.sending;
    const aborted = this.#sink.abort();
    Promise.all([sending, aborted]).then(() => this.#lose(error));
  }

  #lose(error: Error | null): void {
    if (this.#lost) return;
    this.#lost = true;
    this.#closing = true;
    this.#queue.stop();
    this.#process._pipe_connection_lost(0, error);
  }
}

/**
 * The protocol of a subprocess's pipes, as asyncio's: a `StreamReader`
 * each for stdout and stderr, a `StreamWriter` for stdin.
 */
class SubprocessStreamProtocol extends FlowControlMixin {
  stdin: StreamWriter | null = null;
  stdout: StreamReader | null = null;
  stderr: StreamReader | null = null;
  readonly #limit: number;
  readonly #stdin_closed: Future<void>;

  constructor(limit: number, loop: EventLoop) {
    super(loop);
    this.#limit = limit;
    this.#stdin_closed = loop.create_future<void>();
  }

  connection_made(transport: SubprocessTransport): void {
    const stdout = transport.get_pipe_transport(1) as ReadPipeTransport | null;
    if (stdout !== null) {
      this.stdout = new StreamReader(this.#limit, { loop: this._loop });
      this.stdout.set_transport(stdout);
    }
    const stderr = transport.get_pipe_transport(2) as ReadPipeTransport | null;
    if (stderr !== null) {
      this.stderr = new StreamReader(this.#limit, { loop: this._loop });
      this.stderr.set_transport(stderr);
    }
    const stdin = transport.get_pipe_transport(0) as WritePipeTransport | null;
    if (stdin !== null) this.stdin = new StreamWriter(stdin, this, null, this._loop);
  }

  pipe_data_received(fd: number, data: Uint8Array): void {
    (fd === 1 ? this.stdout : fd === 2 ? this.stderr : null)?.feed_data(data);
  }

  pipe_connection_lost(fd: number, error: Error | null): void {
    if (fd === 0) {
      this.stdin?.close();
      this.connection_lost(error);
      if (error === null) {
        this.#stdin_closed.set_result();
      } else {
        this.#stdin_closed.set_exception(error);
        // Waiting for the close is not mandatory: no "never retrieved" report.
        this.#stdin_closed._clear_log_traceback();
      }
      return;
    }
    const reader = fd === 1 ? this.stdout : fd === 2 ? this.stderr : null;
    if (reader === null) return;
    if (error === null) reader.feed_eof();
    else reader.set_exception(error);
  }

  _get_close_waiter(_writer: StreamWriter): Future<void> {
    return this.#stdin_closed;
  }
}

/**
 * The child process and its pipes, as asyncio's subprocess transport:
 * `wait()` returns once the child exited and every pipe is closed.
 */
class SubprocessTransport {
  readonly _protocol: SubprocessStreamProtocol;
  readonly #loop: EventLoop;
  readonly #child: Deno.ChildProcess;
  readonly #pipes: Map<number, ReadPipeTransport | WritePipeTransport> = new Map();
  #returncode: number | null = null;
  #exit_waiters: Future<number>[] | null = [];
  #finished = false;
  #closed = false;

  constructor(
    loop: EventLoop,
    child: Deno.ChildProcess,
    protocol: SubprocessStreamProtocol,
    redirects: { stdin: boolean; stdout: boolean; stderr: boolean; stderr_to_stdout: boolean },
  ) {
    this.#loop = loop;
    this.#child = child;
    this._protocol = protocol;
    if (redirects.stdin) this.#pipes.set(0, new WritePipeTransport(loop, this, child.stdin));
    if (redirects.stdout) {
      const streams = [child.stdout];
      if (redirects.stderr_to_stdout) streams.push(child.stderr);
      this.#pipes.set(1, new ReadPipeTransport(this, 1, streams));
    }
    if (redirects.stderr) this.#pipes.set(2, new ReadPipeTransport(this, 2, [child.stderr]));
    protocol.connection_made(this);
    for (const pipe of this.#pipes.values()) {
      if (pipe instanceof ReadPipeTransport) pipe.start();
    }
    loop._resources.add(this);
    child.status.then((status) => {
      const code = status.signal !== null
        ? -(SIGNAL_NUMBERS[status.signal] ?? 0) || status.code
        : status.code;
      if (!loop.is_closed()) loop._call_soon1(process_exited, [this, code] as const);
    });
  }

  get_pid(): number {
    return this.#child.pid;
  }

  get_returncode(): number | null {
    return this.#returncode;
  }

  get_pipe_transport(fd: number): ReadPipeTransport | WritePipeTransport | null {
    return this.#pipes.get(fd) ?? null;
  }

  send_signal(signal: Deno.Signal | number): void {
    const name = signal_name(signal) as Deno.Signal;
    // As asyncio's: no process once waited for; exited but not yet
    // waited for, the signal is dropped (as Popen.send_signal does).
    if (this.#finished) throw new ProcessLookupError(`process ${this.#child.pid} has exited`);
    if (this.#returncode !== null) return;
    try {
      this.#child.kill(name);
    } catch (error) {
      if (!(error instanceof TypeError)) throw os_error(error); // TypeError: exited a moment ago
    }
  }

  /** Closes the pipes, and kills the child if it still runs. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#loop._resources.delete(this);
    for (const pipe of this.#pipes.values()) {
      if (pipe instanceof ReadPipeTransport) pipe.close();
      else pipe.abort();
    }
    if (this.#returncode === null) this.send_signal("SIGKILL");
  }

  /** @ignore */
  _close_with_loop(): void {
    this.close();
  }

  wait(): Coroutine<number> {
    return new Coroutine(this._wait_body, this, _NO_ARGS);
  }

  /** `Process.wait()`'s body. */
  private *_wait_body(): Generator<unknown, number, unknown> {
    const waiter = this._add_exit_waiter();
    if (waiter === null) return this.get_returncode() as number;
    return (yield waiter) as number;
  }

  /** @ignore */
  _add_exit_waiter(): Future<number> | null {
    if (this.#exit_waiters === null) return null;
    const waiter = this.#loop.create_future<number>();
    this.#exit_waiters.push(waiter);
    return waiter;
  }

  /** @ignore */
  _pipe_data_received(fd: number, data: Uint8Array): void {
    this._protocol.pipe_data_received(fd, data);
  }

  /** @ignore */
  _pipe_connection_lost(fd: number, error: Error | null): void {
    this._protocol.pipe_connection_lost(fd, error);
    this.#try_finish();
  }

  /** @ignore */
  _process_exited(returncode: number): void {
    this.#returncode = returncode;
    (this.#pipes.get(0) as WritePipeTransport | undefined)?._child_exited();
    this.#try_finish();
  }

  #try_finish(): void {
    if (this.#finished || this.#returncode === null) return;
    for (const pipe of this.#pipes.values()) if (!pipe.disconnected) return;
    this.#finished = true;
    this.#closed = true;
    this.#loop._resources.delete(this);
    try {
      this._protocol.connection_lost(null);
    } finally {
      for (const waiter of this.#exit_waiters ?? []) {
        if (!waiter.cancelled()) waiter.set_result(this.#returncode);
      }
      this.#exit_waiters = null;
    }
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Process.wait", this.prototype._wait_body);
  }
}

function process_exited([transport, code]: readonly [SubprocessTransport, number]): void {
  transport._process_exited(code);
}

// deno-lint-ignore require-yield
const noop = _named("Process._noop", function* (): Generator<unknown, null, unknown> {
  return null;
});

function null_coroutine(): Coroutine<null> {
  return new Coroutine(noop, undefined, _NO_ARGS);
}

/**
 * A child process, as asyncio's `Process`: its pipes (`stdin`, a
 * `StreamWriter`; `stdout` and `stderr`, `StreamReader`s; `null` where no
 * `PIPE` was asked for), `pid`, `returncode` (`null` while it runs,
 * negative for a signal), `wait()`, `communicate()` and signals.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { create_subprocess_exec, PIPE } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const proc = await create_subprocess_exec("echo", "hello", { stdout: PIPE });
 *   const [stdout] = await proc.communicate();
 *   console.log(new TextDecoder().decode(stdout!).trim(), proc.returncode); // hello 0
 * })());
 * ```
 */
export class Process {
  /** The writing end of the child's stdin, with `stdin: PIPE`. */
  readonly stdin: StreamWriter | null;
  /** The child's stdout, with `stdout: PIPE`. */
  readonly stdout: StreamReader | null;
  /** The child's stderr, with `stderr: PIPE`. */
  readonly stderr: StreamReader | null;
  /** The child's process id. */
  readonly pid: number;
  /** @ignore */
  readonly _transport: SubprocessTransport;

  /** Wraps a started child; `create_subprocess_exec()` and `create_subprocess_shell()` make these. */
  constructor(transport: SubprocessTransport) {
    this._transport = transport;
    this.stdin = transport._protocol.stdin;
    this.stdout = transport._protocol.stdout;
    this.stderr = transport._protocol.stderr;
    this.pid = transport.get_pid();
  }

  /** The exit code once the child exited (negative: the signal that ended it), else `null`. */
  get returncode(): number | null {
    return this._transport.get_returncode();
  }

  /**
   * Waits until the child exits (and its pipes are closed). With a `PIPE`
   * nobody reads, a child that writes much can wait forever for room:
   * use `communicate()` then.
   *
   * @returns A coroutine of the return code.
   */
  wait(): Coroutine<number> {
    return this._transport.wait();
  }

  /**
   * Sends `input` to stdin (then closes it), reads stdout and stderr to
   * their end, and waits for the child to exit.
   *
   * @param input Bytes for stdin; needs `stdin: PIPE`.
   * @returns A coroutine of `[stdout, stderr]`: bytes, or `null` where
   * there was no `PIPE`.
   * @throws {TypeError} When `input` is not a `Uint8Array`.
   * @throws {ValueError} When `input` is given but stdin is not a pipe.
   */
  communicate(
    input: Uint8Array | null = null,
  ): Coroutine<[Uint8Array | null, Uint8Array | null]> {
    if (input !== null) {
      if (!(input instanceof Uint8Array)) {
        throw new TypeError(`communicate(): input must be a Uint8Array, got ${repr(input)}`);
      }
      if (this.stdin === null) throw new ValueError("communicate(): input needs stdin=PIPE");
    }
    return new Coroutine(this._communicate_body, this, [input]);
  }

  /** `communicate()`'s body. */
  private *_communicate_body(
    input: Uint8Array | null,
  ): Generator<unknown, [Uint8Array | null, Uint8Array | null], unknown> {
    const [, stdout, stderr] = (yield gather(
      this.stdin !== null ? new Coroutine(this._feed_stdin_body, this, [input]) : null_coroutine(),
      this.stdout !== null ? new Coroutine(this._read_stream_body, this, [1]) : null_coroutine(),
      this.stderr !== null ? new Coroutine(this._read_stream_body, this, [2]) : null_coroutine(),
    )) as [null, Uint8Array | null, Uint8Array | null];
    yield this.wait();
    return [stdout, stderr];
  }

  /** Reads the child's stdout (1) or stderr (2) to the end (asyncio's `_read_stream`). */
  private *_read_stream_body(fd: 1 | 2): Generator<unknown, Uint8Array, unknown> {
    const stream = (fd === 1 ? this.stdout : this.stderr) as StreamReader;
    const output = (yield stream.read()) as Uint8Array;
    (this._transport.get_pipe_transport(fd) as ReadPipeTransport).close();
    return output;
  }

  /** Writes `input` to the child's stdin and closes it (asyncio's `_feed_stdin`). */
  private *_feed_stdin_body(input: Uint8Array | null): Generator<unknown, null, unknown> {
    const stdin = this.stdin as StreamWriter;
    try {
      if (input !== null) stdin.write(input);
      yield stdin.drain();
    } catch (error) {
      // As asyncio's: a child that stopped reading is not an error here.
      if (!(error instanceof BrokenPipeError || error instanceof ConnectionResetError)) throw error;
    }
    stdin.close();
    return null;
  }

  /**
   * Sends `signal` (a name such as `"SIGINT"`, or its number) to the
   * child. As asyncio's: dropped when the child has exited but `wait()`
   * has not yet returned; an error once it has.
   *
   * @throws {ValueError} When the number is not a known signal.
   * @throws {ProcessLookupError} When the child has exited and was waited for.
   */
  send_signal(signal: Deno.Signal | number): void {
    this._transport.send_signal(signal);
  }

  /**
   * Sends `SIGTERM`.
   *
   * @throws {ProcessLookupError} When the child has exited and was waited for.
   */
  terminate(): void {
    this.send_signal("SIGTERM");
  }

  /**
   * Sends `SIGKILL`.
   *
   * @throws {ProcessLookupError} When the child has exited and was waited for.
   */
  kill(): void {
    this.send_signal("SIGKILL");
  }

  /** Describes the process: `<Process 1234>`. */
  toString(): string {
    return `<Process ${this.pid}>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Process.communicate", this.prototype._communicate_body);
    _named("Process._feed_stdin", this.prototype._feed_stdin_body);
    _named("Process._read_stream", this.prototype._read_stream_body);
  }
}

function check_options(options: unknown, what: string): SubprocessOptions {
  check_option_keys(options, OPTION_NAMES, what);
  if (options === undefined) return {};
  const checked = options as SubprocessOptions;
  for (const name of ["stdin", "stdout", "stderr"] as const) {
    const value = checked[name];
    const allowed: unknown[] = name === "stderr"
      ? [PIPE, STDOUT, DEVNULL, null, undefined]
      : [PIPE, DEVNULL, null, undefined];
    if (!allowed.includes(value)) {
      throw new ValueError(
        `${what}: ${name} must be PIPE, ${
          name === "stderr" ? "STDOUT, " : ""
        }DEVNULL or null, got ${repr(value)}`,
      );
    }
  }
  if (checked.stderr === STDOUT && checked.stdout !== PIPE) {
    throw new ValueError(`${what}: stderr=STDOUT needs stdout=PIPE here`);
  }
  if (checked.limit !== undefined && !(typeof checked.limit === "number" && checked.limit > 0)) {
    throw new ValueError(`${what}: limit must be a positive number, got ${repr(checked.limit)}`);
  }
  return checked;
}

function stdio(redirect: Redirect | typeof STDOUT | undefined): "piped" | "null" | "inherit" {
  if (redirect === PIPE || redirect === STDOUT) return "piped";
  return redirect === DEVNULL ? "null" : "inherit";
}

const spawn_body = _named(
  "create_subprocess",
  // deno-lint-ignore require-yield
  function* (
    program: string,
    args: string[],
    options: SubprocessOptions,
  ): Generator<unknown, Process, unknown> {
    const loop = get_running_loop();
    let child: Deno.ChildProcess;
    try {
      child = new Deno.Command(program, {
        args,
        cwd: options.cwd,
        env: options.env,
        clearEnv: options.env !== undefined,
        stdin: stdio(options.stdin),
        stdout: stdio(options.stdout),
        stderr: stdio(options.stderr),
      }).spawn();
    } catch (error) {
      throw os_error(error, program);
    }
    const protocol = new SubprocessStreamProtocol(options.limit ?? 2 ** 16, loop);
    const transport = new SubprocessTransport(loop, child, protocol, {
      stdin: options.stdin === PIPE,
      stdout: options.stdout === PIPE,
      stderr: options.stderr === PIPE,
      stderr_to_stdout: options.stderr === STDOUT,
    });
    return new Process(transport);
  },
);

/**
 * Starts `program` with `args`, as asyncio's `create_subprocess_exec`; a
 * trailing options object sets the pipes (`stdin`, `stdout`, `stderr`:
 * `PIPE`, `DEVNULL`, `STDOUT` for stderr, or `null` to inherit), `limit`,
 * `cwd` and `env`.
 *
 * @param program The program: a path, or a name looked up in `PATH`.
 * @param args Its arguments, then optionally the options.
 * @returns A coroutine of the `Process`; it throws when the program cannot
 * be started, under Python's name (`FileNotFoundError`, `PermissionError`,
 * ..., with the program as `filename` and Deno's error as `cause`).
 * @throws {TypeError} When `program` or an argument is not a string, or an
 * option is unknown.
 * @throws {ValueError} When a pipe option has a wrong value.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { create_subprocess_exec, PIPE } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const proc = await create_subprocess_exec("cat", { stdin: PIPE, stdout: PIPE });
 *   const [out] = await proc.communicate(new TextEncoder().encode("echoed"));
 *   console.log(new TextDecoder().decode(out!)); // echoed
 * })());
 * ```
 */
export function create_subprocess_exec(
  program: string,
  ...args: [...string[]] | [...string[], SubprocessOptions]
): Coroutine<Process> {
  if (typeof program !== "string") {
    throw new TypeError(`create_subprocess_exec(): program must be a string, got ${repr(program)}`);
  }
  let options: unknown;
  if (args.length > 0 && typeof args[args.length - 1] !== "string") options = args.pop();
  const bad = args.findIndex((arg) => typeof arg !== "string");
  if (bad >= 0) {
    throw new TypeError(
      `create_subprocess_exec(): argument ${bad + 1} must be a string, got ${repr(args[bad])}`,
    );
  }
  const checked = check_options(options, "create_subprocess_exec()");
  return new Coroutine(spawn_body, undefined, [program, args, checked]);
}

/**
 * Runs `cmd` through the shell (`/bin/sh -c`, or `cmd /c` on Windows), as
 * asyncio's `create_subprocess_shell`.
 *
 * @param cmd The command line.
 * @param options The pipes (`stdin`, `stdout`, `stderr`), `limit`, `cwd`, `env`.
 * @returns A coroutine of the `Process`.
 * @throws {TypeError} When `cmd` is not a string, or an option is unknown.
 * @throws {ValueError} When a pipe option has a wrong value.
 *
 * @example
 * ```ts
 * import { coroutine, run } from "@aiots/asyncio";
 * import { create_subprocess_shell, PIPE } from "@aiots/asyncio/io";
 * await run(coroutine(async () => {
 *   const proc = await create_subprocess_shell("echo one; echo two >&2; exit 3", {
 *     stdout: PIPE,
 *     stderr: PIPE,
 *   });
 *   const [out, err] = await proc.communicate();
 *   const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes!).trim();
 *   console.log(text(out), text(err), proc.returncode); // one two 3
 * })());
 * ```
 */
export function create_subprocess_shell(
  cmd: string,
  options?: SubprocessOptions,
): Coroutine<Process> {
  if (typeof cmd !== "string") {
    throw new TypeError(`create_subprocess_shell(): cmd must be a string, got ${repr(cmd)}`);
  }
  const checked = check_options(options, "create_subprocess_shell()");
  const [shell, flags] = Deno.build.os === "windows" ? ["cmd.exe", ["/d", "/s", "/c"]] : [
    "/bin/sh",
    ["-c"],
  ];
  return new Coroutine(spawn_body, undefined, [shell, [...flags, cmd], checked]);
}
