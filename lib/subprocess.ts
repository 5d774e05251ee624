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
import { BrokenPipeError, ConnectionResetError, ValueError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import { gather } from "./gather.ts";
import { _named, _NO_ARGS } from "./_waiting.ts";
import { repr } from "./_repr.ts";
import {
  type BaseSubprocessTransport,
  check_spawn_options,
  split_exec_args,
} from "./base_subprocess.ts";
import type { SubprocessTransportOptions } from "./loop_io.ts";
import { FlowControlMixin } from "./stream_protocol.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";
import type { PipeReadTransport, SubprocessTransport } from "./transports.ts";

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

/**
 * Options of `create_subprocess_exec()` and `create_subprocess_shell()`:
 * those of `loop.subprocess_exec()` (whose pipes default to `PIPE`; here
 * to `null`, the parent's), and `limit`.
 */
export interface SubprocessOptions extends SubprocessTransportOptions {
  /** `PIPE`, `DEVNULL`, or `null` (the default: the parent's). */
  stdin?: Redirect;
  /** `PIPE`, `DEVNULL`, or `null` (the default: the parent's). */
  stdout?: Redirect;
  /** `PIPE`, `STDOUT` (into stdout's pipe), `DEVNULL`, or `null` (the parent's). */
  stderr?: Redirect | typeof STDOUT;
  /** The buffer limit of the `StreamReader`s (64 KiB by default). */
  limit?: number;
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
  #transport: SubprocessTransport | null = null;
  #process_exited = false;
  /** The read pipes not yet closed. */
  readonly #pipe_fds: number[] = [];

  constructor(limit: number, loop: EventLoop) {
    super(loop);
    this.#limit = limit;
    this.#stdin_closed = loop.create_future<void>();
  }

  connection_made(transport: SubprocessTransport): void {
    this.#transport = transport;
    const stdout = transport.get_pipe_transport(1);
    if (stdout !== null) {
      this.stdout = new StreamReader(this.#limit, { loop: this._loop });
      this.stdout.set_transport(stdout);
      this.#pipe_fds.push(1);
    }
    const stderr = transport.get_pipe_transport(2);
    if (stderr !== null) {
      this.stderr = new StreamReader(this.#limit, { loop: this._loop });
      this.stderr.set_transport(stderr);
      this.#pipe_fds.push(2);
    }
    const stdin = transport.get_pipe_transport(0);
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
    if (reader !== null) {
      if (error === null) reader.feed_eof();
      else reader.set_exception(error);
    }
    const index = this.#pipe_fds.indexOf(fd);
    if (index >= 0) this.#pipe_fds.splice(index, 1);
    this.#maybe_close_transport();
  }

  process_exited(): void {
    this.#process_exited = true;
    this.#maybe_close_transport();
  }

  /** The child exited and its output pipes are closed: so is the transport. */
  #maybe_close_transport(): void {
    if (this.#pipe_fds.length === 0 && this.#process_exited) {
      this.#transport?.close();
      this.#transport = null;
    }
  }

  _get_close_waiter(_writer: StreamWriter): Future<void> {
    return this.#stdin_closed;
  }
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
  readonly _transport: BaseSubprocessTransport;

  /** Wraps a started child; `create_subprocess_exec()` and `create_subprocess_shell()` make these. @ignore */
  constructor(transport: BaseSubprocessTransport, protocol: SubprocessStreamProtocol) {
    this._transport = transport;
    this.stdin = protocol.stdin;
    this.stdout = protocol.stdout;
    this.stderr = protocol.stderr;
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
    return new Coroutine(this._wait_body, this, _NO_ARGS);
  }

  /** `wait()`'s body. */
  private *_wait_body(): Generator<unknown, number, unknown> {
    return (yield this._transport._wait()) as number;
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
    (this._transport.get_pipe_transport(fd) as PipeReadTransport).close();
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
    _named("Process.wait", this.prototype._wait_body);
    _named("Process.communicate", this.prototype._communicate_body);
    _named("Process._feed_stdin", this.prototype._feed_stdin_body);
    _named("Process._read_stream", this.prototype._read_stream_body);
  }
}

/**
 * Checks the options as the loop's method will (with `limit`, this
 * layer's own), so that a mistake throws at the call.
 */
function check_options(options: unknown, what: string, shell: boolean): number {
  check_spawn_options(options, what, shell, null, ["limit"]);
  const limit = (options as SubprocessOptions | undefined)?.limit;
  if (limit !== undefined && !(typeof limit === "number" && limit > 0)) {
    throw new ValueError(`${what}: limit must be a positive number, got ${repr(limit)}`);
  }
  return limit ?? 2 ** 16;
}

/** The options for the loop's method: this layer's defaults, without `limit`. */
function transport_options(options: unknown): SubprocessTransportOptions {
  const { limit: _limit, ...rest } = (options ?? {}) as SubprocessOptions;
  return { stdin: null, stdout: null, stderr: null, ...rest };
}

const create_subprocess_exec_body = _named(
  "create_subprocess_exec",
  function* (
    limit: number,
    program: string,
    args: string[],
    options: SubprocessTransportOptions,
  ): Generator<unknown, Process, unknown> {
    const loop = get_running_loop();
    const [transport, protocol] = (yield loop.subprocess_exec(
      () => new SubprocessStreamProtocol(limit, loop),
      program,
      ...args,
      options,
    )) as [BaseSubprocessTransport, SubprocessStreamProtocol];
    return new Process(transport, protocol);
  },
);

const create_subprocess_shell_body = _named(
  "create_subprocess_shell",
  function* (
    limit: number,
    cmd: string,
    options: SubprocessTransportOptions,
  ): Generator<unknown, Process, unknown> {
    const loop = get_running_loop();
    const [transport, protocol] = (yield loop.subprocess_shell(
      () => new SubprocessStreamProtocol(limit, loop),
      cmd,
      options,
    )) as [BaseSubprocessTransport, SubprocessStreamProtocol];
    return new Process(transport, protocol);
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
 * @throws {ValueError} When a pipe option has a wrong value, or as asyncio's
 * for `universal_newlines`, `text`, `shell`, `bufsize`, `encoding`, `errors`.
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
  const [checked_program, strings, options] = split_exec_args(
    "create_subprocess_exec()",
    program,
    args,
  );
  const limit = check_options(options, "create_subprocess_exec()", false);
  return new Coroutine(create_subprocess_exec_body, undefined, [
    limit,
    checked_program,
    strings,
    transport_options(options),
  ]);
}

/**
 * Runs `cmd` through the shell (`/bin/sh -c`, or `cmd /c` on Windows), as
 * asyncio's `create_subprocess_shell`.
 *
 * @param cmd The command line.
 * @param options The pipes (`stdin`, `stdout`, `stderr`), `limit`, `cwd`, `env`.
 * @returns A coroutine of the `Process`.
 * @throws {TypeError} When an option is unknown.
 * @throws {ValueError} When `cmd` is not a string (asyncio's "cmd must be a
 * string"), a pipe option has a wrong value, or as `create_subprocess_exec()`.
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
  if (typeof cmd !== "string") throw new ValueError("cmd must be a string");
  const limit = check_options(options, "create_subprocess_shell()", true);
  return new Coroutine(create_subprocess_shell_body, undefined, [
    limit,
    cmd,
    transport_options(options),
  ]);
}
