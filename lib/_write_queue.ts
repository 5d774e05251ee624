/**
 * The writing half of a transport: a buffer sent in order by one async
 * loop, with asyncio's water marks (the protocol is paused above 64 KiB
 * buffered, resumed at 16 KiB by default).
 *
 * As asyncio's selector transports, a write into an empty queue goes to
 * the host at once. What is written after it, until the end of the loop
 * iteration under way, is gathered into one buffer (copied, as CPython
 * extends its `bytearray`) and sent in one piece. The host's send
 * completes within two microtask turns, well before a coroutine that
 * writes line after line has written its next one: were the gathering to
 * stop there, each line would still cost a host write of its own (a line
 * echo made 400,000 host writes for 400,000 lines; now one or two a read).
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { RuntimeError, ValueError } from "./exceptions.ts";
import { repr } from "./_repr.ts";
import { ByteBuffer } from "./_byte_buffer.ts";
import { os_error } from "./_os_errors.ts";

/** Where bytes go. */
export interface ByteSink {
  /** Sends `chunk`, or its start; resolves with how many bytes were taken. */
  send(chunk: Uint8Array): Promise<number>;
  /** Ends the sending side. */
  send_eof(): Promise<void>;
}

/** What the queue tells its transport. */
export interface WriteQueueOwner {
  /** The buffer went over the high-water mark. */
  _pause_writing(): void;
  /** The buffer went down to the low-water mark. */
  _resume_writing(): void;
  /**
   * Sending failed (the host's error, under Python's name if it is an OS
   * error); what was buffered is dropped.
   */
  _write_failed(error: Error): void;
  /** Everything buffered (and the end, if asked for) was sent. */
  _write_flushed(): void;
}

const DEFAULT_HIGH_WATER = 64 * 1024;

/**
 * A buffer emptied by a send is kept for the next writes up to this
 * capacity; a larger one (a big write went through it) is let go.
 */
const SPARE_CAPACITY = 256 * 1024;

function end_wait(queue: WriteQueue): void {
  queue._end_wait();
}

/** A write buffer and the loop that empties it into a `ByteSink`. */
export class WriteQueue {
  readonly #loop: AbstractEventLoop;
  readonly #sink: ByteSink;
  readonly #owner: WriteQueueOwner;
  /** What was written and is not yet being sent; made by the first write (idle connections write nothing). */
  #filling: ByteBuffer | null = null;
  /** An emptied buffer, to fill next. */
  #spare: ByteBuffer | null = null;
  #size = 0;
  #sending: Promise<void> | null = null;
  /** Ends the send loop's wait for the end of the loop iteration. */
  #end_wait: (() => void) | null = null;
  #eof_requested = false;
  #stopped = false;
  #protocol_paused = false;
  #high_water = DEFAULT_HIGH_WATER;
  #low_water = DEFAULT_HIGH_WATER / 4;

  /** Makes an empty queue into `sink`, reporting to `owner`, on `loop`. */
  constructor(loop: AbstractEventLoop, sink: ByteSink, owner: WriteQueueOwner) {
    this.#loop = loop;
    this.#sink = sink;
    this.#owner = owner;
  }

  /** Bytes buffered, the ones being sent included. */
  get size(): number {
    return this.#size;
  }

  /** The sending loop while it runs, else `null`. */
  get sending(): Promise<void> | null {
    return this.#sending;
  }

  /** Whether the end of the stream was asked for. */
  get eof_requested(): boolean {
    return this.#eof_requested;
  }

  /** The `[low, high]` water marks. */
  get limits(): [number, number] {
    return [this.#low_water, this.#high_water];
  }

  /**
   * Sets the water marks: `high` defaults to 64 KiB (or 4 × `low`), `low`
   * to `high / 4`.
   *
   * @throws {ValueError} When `high` < `low` or either is negative.
   */
  set_limits(high: number | null, low: number | null): void {
    const high_water = high ?? (low === null ? DEFAULT_HIGH_WATER : 4 * low);
    const low_water = low ?? Math.floor(high_water / 4);
    if (!(high_water >= low_water && low_water >= 0)) {
      throw new ValueError(`high (${high_water}) must be >= low (${low_water}) must be >= 0`);
    }
    this.#high_water = high_water;
    this.#low_water = low_water;
    this.#maybe_pause();
  }

  /**
   * `write()` of a transport: buffers a copy of `data` and makes sure it
   * is being sent (into an empty queue, at once); dropped once the queue
   * is stopped (the connection is gone).
   *
   * @throws {TypeError} When `data` is not a `Uint8Array`.
   * @throws {RuntimeError} After `push_eof()`.
   */
  write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`write(): data must be a Uint8Array, got ${repr(data)}`);
    }
    if (this.#eof_requested) throw new RuntimeError("Cannot call write() after write_eof()");
    if (data.length === 0 || this.#stopped) return;
    (this.#filling ??= new ByteBuffer()).push(data);
    this.#size += data.length;
    this.#maybe_pause();
    this.#sending ??= this.#send_all();
  }

  /** Ends the sending side once the buffer is sent. */
  push_eof(): void {
    if (this.#stopped || this.#eof_requested) return;
    this.#eof_requested = true;
    this.#sending ??= this.#send_all();
  }

  /** Drops what is buffered and sends nothing more. */
  stop(): void {
    this.#stopped = true;
    this.#filling = null;
    this.#spare = null;
    this.#size = 0;
    this._end_wait();
  }

  /** The loop iteration the send loop waited for is over. @ignore */
  _end_wait(): void {
    const end_wait = this.#end_wait;
    this.#end_wait = null;
    end_wait?.();
  }

  async #send_all(): Promise<void> {
    let failure: Error | null = null;
    try {
      for (;;) {
        // The buffer being sent is left alone until the sink is done with it.
        const sending = this.#filling;
        this.#filling = this.#spare;
        this.#spare = null;
        if (sending !== null) {
          let chunk = sending.view();
          while (chunk.length > 0) {
            const sent = await this.#sink.send(chunk);
            if (this.#stopped) return;
            this.#size -= sent;
            chunk = chunk.subarray(sent);
            this.#maybe_resume();
          }
          sending.clear();
          if (sending.capacity <= SPARE_CAPACITY) this.#spare = sending;
        }
        // What the rest of this loop iteration writes goes in one send.
        await new Promise<void>((resolve) => {
          this.#end_wait = resolve;
          this.#loop._call_soon1(end_wait, this);
        });
        if (this.#stopped) return;
        if (this.#filling === null || this.#filling.length === 0) break;
      }
      if (this.#eof_requested && !this.#stopped) await this.#sink.send_eof();
    } catch (error) {
      failure = os_error(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.#sending = null;
    }
    if (this.#stopped) return;
    if (failure === null) {
      this.#owner._write_flushed();
    } else {
      this.stop();
      this.#owner._write_failed(failure);
    }
  }

  #maybe_pause(): void {
    if (this.#size <= this.#high_water || this.#protocol_paused) return;
    this.#protocol_paused = true;
    this.#owner._pause_writing();
  }

  #maybe_resume(): void {
    if (!this.#protocol_paused || this.#size > this.#low_water) return;
    this.#protocol_paused = false;
    this.#owner._resume_writing();
  }
}
