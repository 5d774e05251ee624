/**
 * asyncio's exception classes.
 *
 * Each is a subclass of `Error` whose `name` is asyncio's, so ported code
 * can test `err instanceof CancelledError` where Python has
 * `except asyncio.CancelledError`. With them, the built-in Python errors
 * asyncio code raises and catches: `RuntimeError`, `ValueError`,
 * `KeyboardInterrupt`, and `OSError` with its subclasses, in CPython's
 * hierarchy.
 *
 * @module
 */

/**
 * Raised in a coroutine when its Task is cancelled, and by `result()` of a
 * cancelled Future. Python makes it a `BaseException`; here it is an `Error`
 * like the rest, so catch-all handlers should rethrow it.
 *
 * @example Catching a cancellation
 * ```ts
 * import { CancelledError, create_task, run, sleep } from "@aiots/asyncio";
 * import { coroutine } from "@aiots/asyncio";
 *
 * const main = coroutine(async () => {
 *   const task = create_task(sleep(10));
 *   await sleep(0);
 *   task.cancel("stop");
 *   try {
 *     await task;
 *   } catch (err) {
 *     console.log(err instanceof CancelledError); // true
 *   }
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export class CancelledError extends Error {
  /** Makes a `CancelledError` carrying the cancel message, if any. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "CancelledError";
  }
}

/**
 * Raised when a Future is used in a state that does not allow the call,
 * such as `set_result` on a done Future or `result()` on a pending one.
 *
 * @example
 * ```ts
 * import { InvalidStateError } from "@aiots/asyncio";
 * console.log(new InvalidStateError("Result is not set.").message);
 * ```
 */
export class InvalidStateError extends Error {
  /** Makes an `InvalidStateError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "InvalidStateError";
  }
}

/**
 * Python's `RuntimeError`: a call that is wrong at this moment, such as
 * running a loop that is already running or closed.
 *
 * @example
 * ```ts
 * import { RuntimeError } from "@aiots/asyncio";
 * console.log(new RuntimeError("Event loop is closed").name);
 * ```
 */
export class RuntimeError extends Error {
  /** Makes a `RuntimeError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "RuntimeError";
  }
}

/**
 * Python's `ValueError`: an argument of the right type but a bad value. It
 * extends `RangeError` so JavaScript code can catch it as one.
 *
 * @example
 * ```ts
 * import { ValueError } from "@aiots/asyncio";
 * console.log(new ValueError("bad") instanceof RangeError); // true
 * ```
 */
export class ValueError extends RangeError {
  /** Makes a `ValueError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "ValueError";
  }
}

/**
 * Raised by `Queue.get_nowait()` when the queue is empty.
 *
 * @example
 * ```ts
 * import { QueueEmpty } from "@aiots/asyncio";
 * console.log(new QueueEmpty().name);
 * ```
 */
export class QueueEmpty extends Error {
  /** Makes a `QueueEmpty`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "QueueEmpty";
  }
}

/**
 * Raised by `Queue.put_nowait()` when the queue is full.
 *
 * @example
 * ```ts
 * import { QueueFull } from "@aiots/asyncio";
 * console.log(new QueueFull().name);
 * ```
 */
export class QueueFull extends Error {
  /** Makes a `QueueFull`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "QueueFull";
  }
}

/**
 * Raised by queue operations after `Queue.shutdown()`.
 *
 * @example
 * ```ts
 * import { QueueShutDown } from "@aiots/asyncio";
 * console.log(new QueueShutDown().name);
 * ```
 */
export class QueueShutDown extends Error {
  /** Makes a `QueueShutDown`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "QueueShutDown";
  }
}

/**
 * Raised by `run()` and `Runner.run()` when Ctrl-C (`SIGINT`) cancelled the
 * main task, as Python's `KeyboardInterrupt`.
 *
 * @example
 * ```ts
 * import { KeyboardInterrupt } from "@aiots/asyncio";
 * console.log(new KeyboardInterrupt().name);
 * ```
 */
export class KeyboardInterrupt extends Error {
  /** Makes a `KeyboardInterrupt`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "KeyboardInterrupt";
  }
}

/**
 * Raised by `Barrier.wait()` when the barrier is reset or broken.
 *
 * @example
 * ```ts
 * import { BrokenBarrierError } from "@aiots/asyncio";
 * console.log(new BrokenBarrierError().name);
 * ```
 */
export class BrokenBarrierError extends RuntimeError {
  /** Makes a `BrokenBarrierError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BrokenBarrierError";
  }
}

/**
 * Raised by `StreamReader.readexactly()` when the stream ended first.
 *
 * @example
 * ```ts
 * import { IncompleteReadError } from "@aiots/asyncio";
 * const err = new IncompleteReadError(new Uint8Array(2), 5);
 * console.log(err.message); // "2 bytes read on a total of 5 expected bytes"
 * ```
 */
export class IncompleteReadError extends Error {
  /** The bytes read before the end of the stream. */
  readonly partial: Uint8Array;
  /** The number of bytes that were expected, or `null` for "until a separator". */
  readonly expected: number | null;

  /** Makes an `IncompleteReadError` for `partial` of `expected` bytes. */
  constructor(partial: Uint8Array, expected: number | null) {
    super(
      `${partial.length} bytes read on a total of ${
        expected === null ? "undefined" : expected
      } expected bytes`,
    );
    this.name = "IncompleteReadError";
    this.partial = partial;
    this.expected = expected;
  }
}

/**
 * Raised by `StreamReader.readuntil()` when the buffer limit is reached
 * before the separator is found.
 *
 * @example
 * ```ts
 * import { LimitOverrunError } from "@aiots/asyncio";
 * console.log(new LimitOverrunError("too long", 10).consumed);
 * ```
 */
export class LimitOverrunError extends Error {
  /** The number of bytes to consume to get past the overrun. */
  readonly consumed: number;

  /** Makes a `LimitOverrunError`. */
  constructor(message: string, consumed: number) {
    super(message);
    this.name = "LimitOverrunError";
    this.consumed = consumed;
  }
}

/**
 * Raised when `sendfile` cannot be used for the given transport.
 *
 * @example
 * ```ts
 * import { SendfileNotAvailableError } from "@aiots/asyncio";
 * console.log(new SendfileNotAvailableError().name);
 * ```
 */
export class SendfileNotAvailableError extends RuntimeError {
  /** Makes a `SendfileNotAvailableError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SendfileNotAvailableError";
  }
}

/**
 * The error a job fails with when its worker died under it: the worker
 * closed itself (`close()`, `Deno.exit()`) or an error escaped it. Python's
 * `concurrent.futures` raises `BrokenProcessPool` then and the pool takes
 * no more calls; a `WorkerPoolExecutor` starts a new worker and goes on, so
 * only that job fails.
 *
 * @example
 * ```ts
 * import { BrokenWorkerError, WorkerPoolExecutor } from "@aiots/asyncio";
 * const pool = new WorkerPoolExecutor(1);
 * try {
 *   await pool.submit(() => self.close()).promise;
 * } catch (error) {
 *   console.log(error instanceof BrokenWorkerError); // true
 * }
 * console.log(await pool.submit(() => "a new worker").promise); // a new worker
 * await pool.shutdown();
 * ```
 */
export class BrokenWorkerError extends RuntimeError {
  /** Makes a `BrokenWorkerError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BrokenWorkerError";
  }
}

// ---------------------------------------------------------------------------
// OSError and its subclasses, as CPython's built-in hierarchy. They need
// nothing of the host: the I/O entry point raises them for the host's
// errors, and code on other runtimes can raise and catch them too.

/**
 * Python's `OSError`: an error the operating system reported. Made as
 * Python's, from a message or from `(errno, strerror, filename)`; the
 * message is then Python's `[Errno 2] No such file or directory: 'x'`. The
 * I/O entry point raises its subclasses for the host's errors, with the
 * host's error as `cause`.
 *
 * @example Python's two forms
 * ```ts
 * import { OSError } from "@aiots/asyncio";
 * const numbered = new OSError(2, "No such file or directory", "/nowhere");
 * console.log(numbered.message); // [Errno 2] No such file or directory: '/nowhere'
 * console.log(numbered.errno, numbered.strerror, numbered.filename); // 2 No such file or directory /nowhere
 * const plain = new OSError("out of luck");
 * console.log(plain.message, plain.errno); // out of luck null
 * ```
 */
export class OSError extends Error {
  /** The system's error number, or `null` when made from a message. */
  readonly errno: number | null;
  /** The system's description of the error, or `null` when made from a message. */
  readonly strerror: string | null;
  /** The path the failed call was about, or `null`. */
  readonly filename: string | null;

  /** Makes an `OSError` with `message`: `new OSError("text", { cause })`. */
  constructor(message?: string, options?: ErrorOptions);
  /**
   * Makes an `OSError` as Python's, from an error number, its description
   * and optionally a path: `new OSError(2, "No such file or directory", "x", { cause })`.
   */
  constructor(errno: number, strerror: string, filename?: string | null, options?: ErrorOptions);
  constructor(
    first?: string | number,
    second?: string | ErrorOptions,
    filename: string | null = null,
    options?: ErrorOptions,
  ) {
    const numbered = typeof first === "number";
    const strerror = numbered ? second as string : null;
    super(
      numbered
        ? `[Errno ${first}] ${strerror}${filename === null ? "" : `: '${filename}'`}`
        : first ?? "",
      numbered ? options : second as ErrorOptions | undefined,
    );
    this.errno = numbered ? first : null;
    this.strerror = strerror;
    this.filename = numbered ? filename : null;
    this.name = "OSError";
  }
}

/**
 * Python's `ConnectionError`: the base of the errors of a connection
 * (`ConnectionResetError`, `ConnectionRefusedError`,
 * `ConnectionAbortedError`, `BrokenPipeError`).
 *
 * @example
 * ```ts
 * import { ConnectionError, ConnectionResetError } from "@aiots/asyncio";
 * console.log(new ConnectionResetError() instanceof ConnectionError); // true
 * ```
 */
export class ConnectionError extends OSError {
  /** `"ConnectionError"`. */
  override name: string = "ConnectionError";
}

/**
 * Python's `ConnectionResetError` (`ECONNRESET`): the peer reset the
 * connection. `StreamWriter.drain()` also raises it, as asyncio's, once
 * the connection is lost.
 *
 * @example
 * ```ts
 * import { ConnectionResetError } from "@aiots/asyncio";
 * console.log(String(new ConnectionResetError("Connection lost"))); // ConnectionResetError: Connection lost
 * ```
 */
export class ConnectionResetError extends ConnectionError {
  /** `"ConnectionResetError"`. */
  override name: string = "ConnectionResetError";
}

/**
 * Python's `ConnectionRefusedError` (`ECONNREFUSED`): nothing listens
 * where the connection was made to.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError } from "@aiots/asyncio";
 * console.log(new ConnectionRefusedError(111, "Connection refused").message); // [Errno 111] Connection refused
 * ```
 */
export class ConnectionRefusedError extends ConnectionError {
  /** `"ConnectionRefusedError"`. */
  override name: string = "ConnectionRefusedError";
}

/**
 * Python's `ConnectionAbortedError` (`ECONNABORTED`): the connection was
 * aborted on this side.
 *
 * @example
 * ```ts
 * import { ConnectionAbortedError, OSError } from "@aiots/asyncio";
 * console.log(new ConnectionAbortedError() instanceof OSError); // true
 * ```
 */
export class ConnectionAbortedError extends ConnectionError {
  /** `"ConnectionAbortedError"`. */
  override name: string = "ConnectionAbortedError";
}

/**
 * Python's `BrokenPipeError` (`EPIPE`, `ESHUTDOWN`): writing to a pipe or
 * socket whose other end is closed.
 *
 * @example
 * ```ts
 * import { BrokenPipeError, ConnectionError } from "@aiots/asyncio";
 * console.log(new BrokenPipeError(32, "Broken pipe") instanceof ConnectionError); // true
 * ```
 */
export class BrokenPipeError extends ConnectionError {
  /** `"BrokenPipeError"`. */
  override name: string = "BrokenPipeError";
}

/**
 * Python's `BlockingIOError` (`EAGAIN`, `EWOULDBLOCK`, `EALREADY`,
 * `EINPROGRESS`): the operation would block.
 *
 * @example
 * ```ts
 * import { BlockingIOError } from "@aiots/asyncio";
 * console.log(new BlockingIOError(11, "Resource temporarily unavailable").errno); // 11
 * ```
 */
export class BlockingIOError extends OSError {
  /** `"BlockingIOError"`. */
  override name: string = "BlockingIOError";
}

/**
 * Python's `FileExistsError` (`EEXIST`).
 *
 * @example
 * ```ts
 * import { FileExistsError } from "@aiots/asyncio";
 * console.log(new FileExistsError(17, "File exists", "/tmp").message); // [Errno 17] File exists: '/tmp'
 * ```
 */
export class FileExistsError extends OSError {
  /** `"FileExistsError"`. */
  override name: string = "FileExistsError";
}

/**
 * Python's `FileNotFoundError` (`ENOENT`): no such file, directory, socket
 * path, or program to start.
 *
 * @example
 * ```ts
 * import { FileNotFoundError } from "@aiots/asyncio";
 * const error = new FileNotFoundError(2, "No such file or directory", "/nowhere");
 * console.log(error.filename); // /nowhere
 * ```
 */
export class FileNotFoundError extends OSError {
  /** `"FileNotFoundError"`. */
  override name: string = "FileNotFoundError";
}

/**
 * Python's `InterruptedError` (`EINTR`): a system call was interrupted.
 *
 * @example
 * ```ts
 * import { InterruptedError } from "@aiots/asyncio";
 * console.log(new InterruptedError().name); // InterruptedError
 * ```
 */
export class InterruptedError extends OSError {
  /** `"InterruptedError"`. */
  override name: string = "InterruptedError";
}

/**
 * Python's `IsADirectoryError` (`EISDIR`).
 *
 * @example
 * ```ts
 * import { IsADirectoryError } from "@aiots/asyncio";
 * console.log(new IsADirectoryError(21, "Is a directory", "/tmp").strerror); // Is a directory
 * ```
 */
export class IsADirectoryError extends OSError {
  /** `"IsADirectoryError"`. */
  override name: string = "IsADirectoryError";
}

/**
 * Python's `NotADirectoryError` (`ENOTDIR`).
 *
 * @example
 * ```ts
 * import { NotADirectoryError } from "@aiots/asyncio";
 * console.log(new NotADirectoryError(20, "Not a directory").errno); // 20
 * ```
 */
export class NotADirectoryError extends OSError {
  /** `"NotADirectoryError"`. */
  override name: string = "NotADirectoryError";
}

/**
 * Python's `PermissionError` (`EACCES`, `EPERM`): the system does not
 * allow it.
 *
 * @example
 * ```ts
 * import { PermissionError } from "@aiots/asyncio";
 * console.log(new PermissionError(13, "Permission denied").message); // [Errno 13] Permission denied
 * ```
 */
export class PermissionError extends OSError {
  /** `"PermissionError"`. */
  override name: string = "PermissionError";
}

/**
 * Python's `ProcessLookupError` (`ESRCH`): no such process. As asyncio's,
 * `Process.send_signal()`, `terminate()` and `kill()` raise it once the
 * child has exited and been waited for.
 *
 * @example
 * ```ts
 * import { OSError, ProcessLookupError } from "@aiots/asyncio";
 * console.log(new ProcessLookupError() instanceof OSError); // true
 * ```
 */
export class ProcessLookupError extends OSError {
  /** `"ProcessLookupError"`. */
  override name: string = "ProcessLookupError";
}

/**
 * Raised when an operation ran out of time: `wait_for`, `timeout`,
 * `as_completed`, and a system call that timed out (`ETIMEDOUT`). As in
 * Python 3.11 and later, where `asyncio.TimeoutError` is the built-in
 * `TimeoutError`, it is an `OSError`: one class for both, so
 * `catch (e) { if (e instanceof TimeoutError) ... }` catches either.
 *
 * @example
 * ```ts
 * import { OSError, TimeoutError } from "@aiots/asyncio";
 * const error = new TimeoutError();
 * console.log(error.name, error instanceof OSError, error.errno); // TimeoutError true null
 * ```
 */
export class TimeoutError extends OSError {
  /** `"TimeoutError"`. */
  override name: string = "TimeoutError";
}

/**
 * Python's `LookupError`: a key or index that is not there, as raised by
 * `ContextVar.get()` for a variable with no value and no default.
 *
 * @example
 * ```ts
 * import { LookupError } from "@aiots/asyncio";
 * console.log(new LookupError("<ContextVar name='v'>").name); // LookupError
 * ```
 */
export class LookupError extends Error {
  /** Makes a `LookupError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "LookupError";
  }
}

/**
 * Python's `KeyError`: a mapping has no such key, as raised by
 * `Context.getitem()`.
 *
 * @example
 * ```ts
 * import { KeyError, LookupError } from "@aiots/asyncio";
 * console.log(new KeyError("k") instanceof LookupError); // true
 * ```
 */
export class KeyError extends LookupError {
  /** Makes a `KeyError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "KeyError";
  }
}
