/**
 * The reading half of a transport: pulls bytes from a source in a loop
 * and hands them on, with asyncio's `pause_reading()`/`resume_reading()`.
 *
 * @module
 */

import { os_error } from "./_os_errors.ts";

/** Where bytes come from: `null` at the end of the stream. */
export interface ByteSource {
  read(): Promise<Uint8Array | null>;
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

/**
 * Reads `source` until its end, an error, or `stop()`. Pausing takes
 * effect at once: bytes from a read that was pending are held back until
 * `resume()`, as a transport that stopped reading would not have read them.
 */
export class ReadPump {
  readonly #source: ByteSource;
  readonly #owner: ReadPumpOwner;
  #paused = false;
  #stopped = false;
  #resume: (() => void) | null = null;
  #done: Promise<void> | null = null;

  /** Makes a pump of `source` for `owner`; `start()` starts it. */
  constructor(source: ByteSource, owner: ReadPumpOwner) {
    this.#source = source;
    this.#owner = owner;
  }

  /** Settles when the pump has stopped, its pending read included; `null` before `start()`. */
  get done(): Promise<void> | null {
    return this.#done;
  }

  /** Whether bytes are being delivered. */
  get reading(): boolean {
    return !this.#paused && !this.#stopped;
  }

  /** Starts reading. */
  start(): void {
    if (this.#done === null && !this.#stopped) this.#done = this.#run();
  }

  /** Holds bytes back until `resume()`. */
  pause(): void {
    this.#paused = true;
  }

  /** Delivers bytes again. */
  resume(): void {
    this.#paused = false;
    this.#wake();
  }

  /** Delivers nothing more; a pending read ends when its source is closed. */
  stop(): void {
    this.#stopped = true;
    this.#wake();
  }

  async #run(): Promise<void> {
    try {
      for (;;) {
        if (this.#paused) await this.#until_resumed();
        if (this.#stopped) return;
        const data = await this.#source.read();
        if (this.#stopped) return;
        if (data === null) {
          this.#stopped = true;
          this.#owner._eof_received();
          return;
        }
        if (this.#paused) {
          await this.#until_resumed();
          if (this.#stopped) return;
        }
        this.#owner._data_received(data);
      }
    } catch (error) {
      if (this.#stopped) return;
      this.#stopped = true;
      this.#owner._read_failed(os_error(error instanceof Error ? error : new Error(String(error))));
    }
  }

  /** Waits while paused (and not stopped); awaited only once paused, as an await costs turns. */
  async #until_resumed(): Promise<void> {
    while (this.#paused && !this.#stopped) {
      await new Promise<void>((resolve) => this.#resume = resolve);
    }
  }

  #wake(): void {
    const resume = this.#resume;
    this.#resume = null;
    resume?.();
  }
}
