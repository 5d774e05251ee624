/**
 * The reading half of a transport: pulls bytes from a source in a loop
 * and hands them on, with asyncio's `pause_reading()`/`resume_reading()`.
 *
 * @module
 */

import { os_error } from "./_os_errors.ts";

/**
 * Where bytes come from, in two steps: `read()` starts a read and gives
 * the host's promise as it is, and `received()` makes its result into the
 * bytes read (`null` at the end of the stream). A connection's pending
 * read then holds the host's promise and the pump's callbacks only, not a
 * promise and a callback more for the conversion.
 */
export interface ByteSource<R = unknown> {
  /** Starts a read. */
  read(): Promise<R>;
  /** The bytes `read()` got (given what its promise resolved with), or `null` at the end. */
  received(result: R): Uint8Array | null;
}

/** What the pump tells its transport. */
export interface ReadPumpOwner {
  /** Bytes arrived. */
  _data_received(data: Uint8Array): void;
  /** The stream ended. */
  _eof_received(): void;
  /** Reading failed: the host's error, under Python's name if it is an OS error. */
  _read_failed(error: Error): void;
}

/** The `done` of a pump that has ended before anyone asked. */
const ENDED: Promise<void> = Promise.resolve();

/** Goes on after `resume()`, in a microtask of its own. */
function go_on(pump: ReadPump): void {
  pump._go_on();
}

/**
 * Reads `source` until its end, an error, or `stop()`. Pausing takes
 * effect at once: bytes from a read that was pending are held back until
 * `resume()`, as a transport that stopped reading would not have read them.
 *
 * Each read is followed by callbacks made once, not awaited in an async
 * loop: a connection waits in its read far more than it reads, and the
 * frame, the promise and the resolving functions of an awaiting async
 * function cost 300 bytes a connection more.
 */
export class ReadPump {
  readonly #source: ByteSource;
  readonly #owner: ReadPumpOwner;
  #started = false;
  #paused = false;
  #stopped = false;
  /** A read of the source is pending. */
  #reading = false;
  /** Bytes read while paused, delivered at `resume()`. */
  #held: Uint8Array | null = null;
  /** Made when `done` is asked for before the pump has ended. */
  #done: Promise<void> | null = null;
  #end: (() => void) | null = null;

  /** Makes a pump of `source` for `owner`; `start()` starts it. */
  constructor(source: ByteSource, owner: ReadPumpOwner) {
    this.#source = source;
    this.#owner = owner;
  }

  /** Settles when the pump has stopped, its pending read included; `null` before `start()`. */
  get done(): Promise<void> | null {
    if (!this.#started) return null;
    if (this.#stopped && !this.#reading) return this.#done ?? ENDED;
    return this.#done ??= new Promise<void>((resolve) => this.#end = resolve);
  }

  /** Whether bytes are being delivered. */
  get reading(): boolean {
    return !this.#paused && !this.#stopped;
  }

  /** Starts reading. */
  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    this.#next();
  }

  /** Holds bytes back until `resume()`. */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers bytes again (from a microtask: never inside the caller). */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#started && !this.#stopped) queueMicrotask(() => go_on(this));
  }

  /** Delivers nothing more; a pending read ends when its source is closed. */
  stop(): void {
    this.#stopped = true;
    this.#held = null;
    this.#maybe_ended();
  }

  /** What `resume()` goes on with: the bytes held back, else a read. @ignore */
  _go_on(): void {
    if (this.#paused || this.#stopped) return;
    const held = this.#held;
    this.#held = null;
    if (held === null) this.#next();
    else this.#deliver(held);
  }

  /** Reads, unless paused, stopped or reading already. */
  #next(): void {
    if (this.#paused || this.#stopped || this.#reading) return;
    this.#reading = true;
    let reading: Promise<unknown>;
    try {
      reading = this.#source.read();
    } catch (error) {
      this.#read_failed(error);
      return;
    }
    reading.then(this.#read, this.#read_failed);
  }

  readonly #read = (result: unknown): void => {
    this.#reading = false;
    let data: Uint8Array | null;
    try {
      data = this.#source.received(result);
    } catch (error) {
      this.#read_failed(error);
      return;
    }
    if (this.#stopped) {
      this.#maybe_ended();
    } else if (data === null) {
      this.#stopped = true;
      try {
        this.#owner._eof_received();
      } finally {
        this.#maybe_ended();
      }
    } else if (this.#paused) {
      this.#held = data;
    } else {
      this.#deliver(data);
    }
  };

  readonly #read_failed = (error: unknown): void => {
    this.#reading = false;
    if (this.#stopped) {
      this.#maybe_ended();
      return;
    }
    this.#stopped = true;
    this.#held = null;
    try {
      this.#owner._read_failed(os_error(error instanceof Error ? error : new Error(String(error))));
    } finally {
      this.#maybe_ended();
    }
  };

  #deliver(data: Uint8Array): void {
    try {
      this.#owner._data_received(data);
    } catch (error) {
      this.#read_failed(error);
      return;
    }
    this.#next();
  }

  /** Settles `done` once stopped with no read pending. */
  #maybe_ended(): void {
    if (!this.#stopped || this.#reading) return;
    const end = this.#end;
    this.#end = null;
    end?.();
  }
}
