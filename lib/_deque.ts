/**
 * A FIFO ring buffer with amortised O(1) `push` and `shift`.
 *
 * The loop's ready queue and the waiter lists of queues and locks use it in
 * place of `Array.prototype.shift`, which is O(n) on large arrays.
 *
 * @module
 */

const INITIAL_CAPACITY = 16;

/** A double-ended queue backed by a power-of-two ring buffer. */
export class Deque<T> {
  #items: (T | undefined)[] = new Array(INITIAL_CAPACITY);
  #head = 0;
  #length = 0;
  #mask = INITIAL_CAPACITY - 1;

  /** The number of items held. */
  get length(): number {
    return this.#length;
  }

  /** Appends `item` at the back. */
  push(item: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#items[(this.#head + this.#length) & this.#mask] = item;
    this.#length++;
  }

  /** Inserts `item` at the front. */
  unshift(item: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#head = (this.#head - 1) & this.#mask;
    this.#items[this.#head] = item;
    this.#length++;
  }

  /** Removes and returns the front item, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#length--;
    return item;
  }

  /** Removes and returns the back item, or `undefined` when empty. */
  pop(): T | undefined {
    if (this.#length === 0) return undefined;
    this.#length--;
    const index = (this.#head + this.#length) & this.#mask;
    const item = this.#items[index];
    this.#items[index] = undefined;
    return item;
  }

  /** The front item without removing it. */
  peek(): T | undefined {
    return this.#length === 0 ? undefined : this.#items[this.#head];
  }

  /** The item at `index` from the front (0-based), without removing it. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#items[(this.#head + index) & this.#mask];
  }

  /** Removes the first item identical to `item`; returns whether one was. */
  remove(item: T): boolean {
    for (let i = 0; i < this.#length; i++) {
      if (this.#items[(this.#head + i) & this.#mask] === item) {
        for (let j = i; j < this.#length - 1; j++) {
          this.#items[(this.#head + j) & this.#mask] =
            this.#items[(this.#head + j + 1) & this.#mask];
        }
        this.#items[(this.#head + this.#length - 1) & this.#mask] = undefined;
        this.#length--;
        return true;
      }
    }
    return false;
  }

  /** Removes every item. */
  clear(): void {
    this.#items = new Array(INITIAL_CAPACITY);
    this.#head = 0;
    this.#length = 0;
    this.#mask = INITIAL_CAPACITY - 1;
  }

  /** Iterates from front to back. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.#length; i++) {
      yield this.#items[(this.#head + i) & this.#mask] as T;
    }
  }

  #grow(): void {
    const old = this.#items;
    const capacity = old.length * 2;
    const items: (T | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.#length; i++) {
      items[i] = old[(this.#head + i) & this.#mask];
    }
    this.#items = items;
    this.#head = 0;
    this.#mask = capacity - 1;
  }
}
