/**
 * asyncio's exception classes.
 *
 * Each is a subclass of `Error` whose `name` is asyncio's, so ported code
 * can test `err instanceof CancelledError` where Python has
 * `except asyncio.CancelledError`.
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
 * Raised when an operation ran out of time (`wait_for`, `timeout`).
 *
 * @example
 * ```ts
 * import { TimeoutError } from "@aiots/asyncio";
 * console.log(new TimeoutError().name); // "TimeoutError"
 * ```
 */
export class TimeoutError extends Error {
  /** Makes a `TimeoutError`. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "TimeoutError";
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
