/**
 * A growable byte buffer, taken from the front and added to at the back:
 * what `StreamReader` keeps its unread bytes in (Python's `bytearray`).
 *
 * @module
 */

const MIN_CAPACITY = 1024;

/** The storage of every buffer that has held nothing yet: idle connections cost no bytes. */
const NO_BYTES = new Uint8Array(0);

/** Bytes added at the back and taken from the front, in amortized O(1) per byte. */
export class ByteBuffer {
  #bytes = NO_BYTES;
  #start = 0;
  #end = 0;

  /** How many bytes are held. */
  get length(): number {
    return this.#end - this.#start;
  }

  /** How many bytes fit before the storage must grow. */
  get capacity(): number {
    return this.#bytes.length;
  }

  /** The bytes held, as a view: valid until the next change. */
  view(): Uint8Array {
    return this.#bytes.subarray(this.#start, this.#end);
  }

  /** Adds `data` at the back. */
  push(data: Uint8Array): void {
    if (this.#end + data.length > this.#bytes.length) this.#make_room(data.length);
    this.#bytes.set(data, this.#end);
    this.#end += data.length;
  }

  /** Removes the first `n` bytes (at most all of them) and returns a copy of them. */
  take(n: number): Uint8Array {
    const count = Math.min(n, this.length);
    const taken = this.#bytes.slice(this.#start, this.#start + count);
    this.drop(count);
    return taken;
  }

  /** Removes the first `n` bytes (at most all of them). */
  drop(n: number): void {
    this.#start += Math.min(n, this.length);
    if (this.#start === this.#end) this.#start = this.#end = 0;
  }

  /** Removes every byte. */
  clear(): void {
    this.#start = this.#end = 0;
  }

  /** Where `needle` first occurs at or after `offset`, or -1. */
  find(needle: Uint8Array, offset: number): number {
    const bytes = this.#bytes;
    const last = this.#end - needle.length;
    const first = needle[0];
    search: for (let i = this.#start + offset; i <= last; i++) {
      if (bytes[i] !== first) continue;
      for (let j = 1; j < needle.length; j++) {
        if (bytes[i + j] !== needle[j]) continue search;
      }
      return i - this.#start;
    }
    return -1;
  }

  /** Whether the bytes from `offset` on start with `prefix`. */
  starts_with(prefix: Uint8Array, offset: number): boolean {
    if (offset + prefix.length > this.length) return false;
    for (let j = 0; j < prefix.length; j++) {
      if (this.#bytes[this.#start + offset + j] !== prefix[j]) return false;
    }
    return true;
  }

  /** Moves the bytes to the front, growing the array if `extra` more still do not fit. */
  #make_room(extra: number): void {
    const length = this.length;
    let capacity = Math.max(this.#bytes.length, MIN_CAPACITY);
    while (length + extra > capacity) capacity *= 2;
    if (capacity === this.#bytes.length) {
      this.#bytes.copyWithin(0, this.#start, this.#end);
    } else {
      const bytes = new Uint8Array(capacity);
      bytes.set(this.#bytes.subarray(this.#start, this.#end));
      this.#bytes = bytes;
    }
    this.#start = 0;
    this.#end = length;
  }
}
