/**
 * The loop's subprocess methods, as asyncio's `subprocess_exec` and
 * `subprocess_shell` over `base_subprocess.py`: a child started with
 * `Deno.Command`, its pipes as transports, and a `SubprocessProtocol`
 * told of their data, their ends and the child's exit. The streams'
 * `create_subprocess_exec` is a layer on top, as in asyncio. Deno only.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { BrokenPipeError, ProcessLookupError, ValueError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import type { SubprocessTransportOptions } from "./loop_io.ts";
import { check_function } from "./_checks.ts";
import { check_option_keys } from "./_options.ts";
import { os_error } from "./_os_errors.ts";
import { repr } from "./_repr.ts";
import { signal_name, SIGNAL_NUMBERS } from "./_signals.ts";
import { type ByteSource, ReadPump } from "./_read_pump.ts";
import { type ByteSink, WriteQueue } from "./_write_queue.ts";
import type { SubprocessProtocol } from "./protocols.ts";
import type {
  PipeReadTransport,
  SubprocessTransport as SubprocessTransportType,
  WriteTransport,
} from "./transports.ts";

/** `PIPE`: a pipe between parent and child. */
const PIPE = -1;
/** `STDOUT`: stderr into stdout's pipe. */
const STDOUT = -2;
/** `DEVNULL`: the null device. */
const DEVNULL = -3;

/** The options the loop's methods take; the streams' functions add `limit`. */
export const TRANSPORT_OPTION_NAMES = [
  "stdin",
  "stdout",
  "stderr",
  "cwd",
  "env",
  "universal_newlines",
  "shell",
  "bufsize",
  "text",
  "encoding",
  "errors",
] as const;

/** A `ReadableStream` as a source of bytes. */
class StreamBytes implements ByteSource<ReadableStreamReadResult<Uint8Array>> {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    return this.#reader.read();
  }

  received({ value, done }: ReadableStreamReadResult<Uint8Array>): Uint8Array | null {
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
 * A pipe the parent reads, as asyncio's read pipe transport: stdout, or
 * stderr (or both, when stderr goes to stdout's pipe). Bytes go to the
 * process transport as the pipe's fd.
 */
class ReadPipeTransport implements PipeReadTransport {
  readonly #process: BaseSubprocessTransport;
  readonly #fd: number;
  readonly #sources: StreamBytes[];
  readonly #pumps: ReadPump[];
  #open: number;
  #closing = false;
  #error: Error | null = null;

  constructor(process: BaseSubprocessTransport, fd: number, streams: ReadableStream<Uint8Array>[]) {
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

  /** Whether the pipe is closed (its `pipe_connection_lost` is on its way). */
  get disconnected(): boolean {
    return this.#open === 0;
  }

  /** @ignore */
  _start(): void {
    for (const pump of this.#pumps) pump.start();
  }

  pause_reading(): void {
    for (const pump of this.#pumps) pump.pause();
  }

  resume_reading(): void {
    for (const pump of this.#pumps) pump.resume();
  }

  is_reading(): boolean {
    return !this.#closing && this.#pumps.every((pump) => pump.reading);
  }

  is_closing(): boolean {
    return this.#closing;
  }

  get_extra_info(_name: string, fallback: unknown = null): unknown {
    return fallback;
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
  readonly #process: BaseSubprocessTransport;
  readonly #sink: WritableBytes;
  readonly #queue: WriteQueue;
  #closing = false;
  #lost = false;

  constructor(
    loop: AbstractEventLoop,
    process: BaseSubprocessTransport,
    stream: WritableStream<Uint8Array>,
  ) {
    this.#process = process;
    this.#sink = new WritableBytes(stream);
    this.#queue = new WriteQueue(loop, this.#sink, {
      _pause_writing: () => this.#process._protocol?.pause_writing(),
      _resume_writing: () => this.#process._protocol?.resume_writing(),
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

/** A protocol call held until `connection_made` has been scheduled. */
type PendingCall = () => void;

/**
 * The child process and its pipes, as asyncio's `BaseSubprocessTransport`:
 * the protocol's callbacks each run in a loop callback of their own
 * (`connection_made` first, then what arrived before it in order);
 * `connection_lost` comes last, once the child exited and every pipe is
 * closed, and then `_wait()` returns.
 */
export class BaseSubprocessTransport implements SubprocessTransportType {
  /** The protocol; `null` once `connection_lost` ran. @ignore */
  _protocol: SubprocessProtocol | null;
  readonly #loop: AbstractEventLoop;
  readonly #child: Deno.ChildProcess;
  readonly #pipes: Map<number, ReadPipeTransport | WritePipeTransport> = new Map();
  #pending_calls: PendingCall[] | null = [];
  #returncode: number | null = null;
  #exit_waiters: Future<number>[] | null = [];
  #finished = false;
  #closed = false;

  /** Serves `child` with `protocol`; the spawn calls `_connect()` next. @ignore */
  constructor(
    loop: AbstractEventLoop,
    child: Deno.ChildProcess,
    protocol: SubprocessProtocol,
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
    for (const pipe of this.#pipes.values()) {
      if (pipe instanceof ReadPipeTransport) pipe._start();
    }
    loop._resources.add(this);
    child.status.then((status) => {
      const code = status.signal !== null
        ? -(SIGNAL_NUMBERS[status.signal] ?? 0) || status.code
        : status.code;
      if (!loop.is_closed()) loop._call_soon1(process_exited, [this, code] as const);
    });
  }

  /**
   * The pipes are connected: `connection_made` is scheduled, then the
   * calls held meanwhile, in order (asyncio's `_connect_pipes`).
   *
   * @ignore
   */
  _connect(): void {
    if (this.#pending_calls === null) return;
    const protocol = this._protocol as SubprocessProtocol;
    this.#loop.call_soon(() => protocol.connection_made(this));
    for (const callback of this.#pending_calls ?? []) this.#loop._call_soon(callback, null);
    this.#pending_calls = null;
  }

  /** The child's process id. */
  get_pid(): number {
    return this.#child.pid;
  }

  /** The exit code once the child exited (negative: the signal that ended it), else `null`. */
  get_returncode(): number | null {
    return this.#returncode;
  }

  /** The transport of the child's `fd` (0: stdin, 1: stdout, 2: stderr), or `null` without a pipe. */
  get_pipe_transport(fd: 0): WriteTransport | null;
  get_pipe_transport(fd: number): PipeReadTransport | null;
  get_pipe_transport(fd: number): WriteTransport | PipeReadTransport | null {
    return this.#pipes.get(fd) ?? null;
  }

  /** The protocol (`null` once the transport is finished). */
  get_protocol(): SubprocessProtocol | null {
    return this._protocol;
  }

  /** Serves `protocol` from now on. */
  set_protocol(protocol: SubprocessProtocol): void {
    this._protocol = protocol;
  }

  /** Nothing to tell: `fallback`. */
  get_extra_info(_name: string, fallback: unknown = null): unknown {
    return fallback;
  }

  /** Whether `close()` was called (or the transport finished). */
  is_closing(): boolean {
    return this.#closed;
  }

  /**
   * Sends `signal` to the child. As asyncio's: dropped when the child has
   * exited but the transport has not finished; an error once it has.
   */
  send_signal(signal: Deno.Signal | number): void {
    const name = signal_name(signal) as Deno.Signal;
    // As asyncio's: no process once connection_lost ran.
    if (this.#exit_waiters === null) {
      throw new ProcessLookupError(`process ${this.#child.pid} has exited`);
    }
    if (this.#returncode !== null) return;
    try {
      this.#child.kill(name);
    } catch (error) {
      if (!(error instanceof TypeError)) throw os_error(error); // TypeError: exited a moment ago
    }
  }

  /** Sends `SIGTERM`. */
  terminate(): void {
    this.send_signal("SIGTERM");
  }

  /** Sends `SIGKILL`. */
  kill(): void {
    this.send_signal("SIGKILL");
  }

  /** Closes the pipes (stdin once its buffer is sent), and kills the child if it still runs. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#loop._resources.delete(this);
    for (const pipe of this.#pipes.values()) pipe.close();
    if (this.#returncode === null) this.send_signal("SIGKILL");
  }

  /** The loop closes: nothing more can be sent. @ignore */
  _close_with_loop(): void {
    (this.#pipes.get(0) as WritePipeTransport | undefined)?.abort();
    this.close();
  }

  /** Waits for the transport to finish: the child's return code. @ignore */
  _wait(): Coroutine<number> {
    return new Coroutine(this._wait_body, this, _NO_ARGS);
  }

  /** `_wait()`'s body. */
  private *_wait_body(): Generator<unknown, number, unknown> {
    const waiter = this._add_exit_waiter();
    if (waiter === null) return this.#returncode as number;
    return (yield waiter) as number;
  }

  /** A Future of the return code, or `null` once the transport finished. @ignore */
  _add_exit_waiter(): Future<number> | null {
    if (this.#returncode !== null || this.#exit_waiters === null) return null;
    const waiter = this.#loop.create_future<number>();
    this.#exit_waiters.push(waiter);
    return waiter;
  }

  toString(): string {
    const state = this.#closed ? " closed" : "";
    const code = this.#returncode === null ? "" : ` returncode=${this.#returncode}`;
    return `<BaseSubprocessTransport${state} pid=${this.#child.pid}${code}>`;
  }

  /** @ignore */
  _pipe_data_received(fd: number, data: Uint8Array): void {
    const protocol = this._protocol;
    if (protocol !== null) this.#call(() => protocol.pipe_data_received(fd, data));
  }

  /** @ignore */
  _pipe_connection_lost(fd: number, error: Error | null): void {
    const protocol = this._protocol;
    if (protocol === null) return;
    this.#call(() => protocol.pipe_connection_lost(fd, error));
    this.#try_finish();
  }

  /** @ignore */
  _process_exited(returncode: number): void {
    this.#returncode = returncode;
    (this.#pipes.get(0) as WritePipeTransport | undefined)?._child_exited();
    const protocol = this._protocol;
    if (protocol === null) return;
    this.#call(() => protocol.process_exited());
    this.#try_finish();
  }

  /** Runs a protocol callback in a loop callback of its own, or holds it until connected. */
  #call(callback: PendingCall): void {
    if (this.#pending_calls !== null) this.#pending_calls.push(callback);
    else if (!this.#loop.is_closed()) this.#loop._call_soon(callback, null);
  }

  #try_finish(): void {
    if (this.#finished || this.#returncode === null) return;
    for (const pipe of this.#pipes.values()) if (!pipe.disconnected) return;
    this.#finished = true;
    this.#loop._resources.delete(this);
    this.#call(() => this.#connection_lost());
  }

  #connection_lost(): void {
    try {
      this._protocol?.connection_lost(null);
    } finally {
      for (const waiter of this.#exit_waiters ?? []) {
        if (!waiter.cancelled()) waiter.set_result(this.#returncode as number);
      }
      this.#exit_waiters = null;
      this._protocol = null;
    }
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("BaseSubprocessTransport._wait", this.prototype._wait_body);
  }
}

function process_exited([transport, code]: readonly [BaseSubprocessTransport, number]): void {
  transport._process_exited(code);
}

/** The checked options of a spawn. */
export interface SpawnOptions {
  stdin: number | null;
  stdout: number | null;
  stderr: number | null;
  cwd?: string;
  env?: Record<string, string>;
}

/**
 * Checks the options of the loop's methods (or of the streams' functions,
 * whose own keys are `extra`): asyncio's refusals of text mode, of
 * buffering and of the wrong `shell`, with its messages.
 *
 * @throws {TypeError} When an option is unknown.
 * @throws {ValueError} When an option has a value asyncio refuses.
 */
export function check_spawn_options(
  options: unknown,
  what: string,
  shell: boolean,
  default_redirect: number | null,
  extra: readonly string[] = [],
): SpawnOptions {
  check_option_keys(options, [...TRANSPORT_OPTION_NAMES, ...extra], what);
  const given = (options ?? {}) as SubprocessTransportOptions;
  if (given.universal_newlines) throw new ValueError("universal_newlines must be False");
  if (shell ? given.shell === false : given.shell) {
    throw new ValueError(shell ? "shell must be True" : "shell must be False");
  }
  if (given.bufsize !== undefined && given.bufsize !== 0) throw new ValueError("bufsize must be 0");
  if (given.text) throw new ValueError("text must be False");
  if (given.encoding != null) throw new ValueError("encoding must be None");
  if (given.errors != null) throw new ValueError("errors must be None");
  const checked: SpawnOptions = {
    stdin: given.stdin === undefined ? default_redirect : given.stdin,
    stdout: given.stdout === undefined ? default_redirect : given.stdout,
    stderr: given.stderr === undefined ? default_redirect : given.stderr,
    cwd: given.cwd,
    env: given.env,
  };
  for (const name of ["stdin", "stdout", "stderr"] as const) {
    const value = checked[name];
    const allowed: unknown[] = name === "stderr" ? [PIPE, STDOUT, DEVNULL, null] : [
      PIPE,
      DEVNULL,
      null,
    ];
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
  return checked;
}

/**
 * Splits `program, ...args[, options]` and checks that the program and
 * its arguments are strings.
 *
 * @throws {TypeError} When one is not.
 */
export function split_exec_args(
  what: string,
  program: unknown,
  args: unknown[],
): [string, string[], unknown] {
  if (typeof program !== "string") {
    throw new TypeError(`${what}: program must be a string, got ${repr(program)}`);
  }
  const strings = [...args];
  let options: unknown;
  if (strings.length > 0 && typeof strings[strings.length - 1] !== "string") {
    options = strings.pop();
  }
  const bad = strings.findIndex((arg) => typeof arg !== "string");
  if (bad >= 0) {
    throw new TypeError(`${what}: argument ${bad + 1} must be a string, got ${repr(strings[bad])}`);
  }
  return [program, strings as string[], options];
}

/** The shell and its flags for a command line. */
export function shell_command(cmd: string): [string, string[]] {
  return Deno.build.os === "windows"
    ? ["cmd.exe", ["/d", "/s", "/c", cmd]]
    : ["/bin/sh", ["-c", cmd]];
}

function stdio(redirect: number | null): "piped" | "null" | "inherit" {
  if (redirect === PIPE || redirect === STDOUT) return "piped";
  return redirect === DEVNULL ? "null" : "inherit";
}

/** Starts the child, or throws its OS error under Python's name. */
function spawn(program: string, args: string[], options: SpawnOptions): Deno.ChildProcess {
  try {
    return new Deno.Command(program, {
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
}

/** The spawn both loop methods make, as asyncio's `_make_subprocess_transport`. */
function* spawn_body<P extends SubprocessProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  program: string,
  args: string[],
  options: SpawnOptions,
): Generator<unknown, [BaseSubprocessTransport, P], unknown> {
  const protocol = protocol_factory();
  const child = spawn(program, args, options);
  const transport = new BaseSubprocessTransport(loop, child, protocol, {
    stdin: options.stdin === PIPE,
    stdout: options.stdout === PIPE,
    stderr: options.stderr === PIPE,
    stderr_to_stdout: options.stderr === STDOUT,
  });
  try {
    yield null; // the pipes are connected on the next iteration, as asyncio's _connect_pipes
    transport._connect();
    yield null; // connection_made runs before the spawn returns
  } catch (error) {
    // Cancelled meanwhile: as asyncio's, the pipes are connected all the
    // same (the protocol sees it all), and the child is killed and waited for.
    transport._connect();
    transport.close();
    yield transport._wait();
    throw error;
  }
  return [transport, protocol];
}

type SpawnArgs<P extends SubprocessProtocol> = Parameters<typeof spawn_body<P>>;

const subprocess_exec_body = _named(
  "subprocess_exec",
  function* <P extends SubprocessProtocol>(...args: SpawnArgs<P>) {
    return yield* spawn_body(...args);
  },
);

const subprocess_shell_body = _named(
  "subprocess_shell",
  function* <P extends SubprocessProtocol>(...args: SpawnArgs<P>) {
    return yield* spawn_body(...args);
  },
);

/** `loop.subprocess_exec()`. */
export function subprocess_exec<P extends SubprocessProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  program: string,
  ...rest: unknown[]
): Coroutine<[SubprocessTransportType, P]> {
  check_function(protocol_factory, "subprocess_exec(): protocol_factory");
  const [checked_program, args, options] = split_exec_args("subprocess_exec()", program, rest);
  const checked = check_spawn_options(options, "subprocess_exec()", false, PIPE);
  return new Coroutine(subprocess_exec_body, undefined, [
    loop,
    protocol_factory,
    checked_program,
    args,
    checked,
  ]) as Coroutine<[SubprocessTransportType, P]>;
}

/** `loop.subprocess_shell()`. */
export function subprocess_shell<P extends SubprocessProtocol>(
  loop: AbstractEventLoop,
  protocol_factory: () => P,
  cmd: string,
  options?: SubprocessTransportOptions,
): Coroutine<[SubprocessTransportType, P]> {
  check_function(protocol_factory, "subprocess_shell(): protocol_factory");
  if (typeof cmd !== "string") throw new ValueError("cmd must be a string");
  const checked = check_spawn_options(options, "subprocess_shell()", true, PIPE);
  const [shell, args] = shell_command(cmd);
  return new Coroutine(subprocess_shell_body, undefined, [
    loop,
    protocol_factory,
    shell,
    args,
    checked,
  ]) as Coroutine<[SubprocessTransportType, P]>;
}
