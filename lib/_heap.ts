/**
 * A binary min-heap ordered by a comparison function.
 *
 * The loop keeps its timers in one; pushing and popping are O(log n) and
 * nothing is sorted per operation.
 *
 * @module
 */

/** A binary min-heap; `less(a, b)` says whether `a` pops before `b`. */
export class Heap<T> {
  #items: T[] = [];
  readonly #less: (a: T, b: T) => boolean;

  /** Makes an empty heap ordered by `less`. */
  constructor(less: (a: T, b: T) => boolean) {
    this.#less = less;
  }

  /** The number of items held. */
  get length(): number {
    return this.#items.length;
  }

  /** The smallest item without removing it. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Adds `item`. */
  push(item: T): void {
    const items = this.#items;
    items.push(item);
    this.#siftUp(items.length - 1);
  }

  /** Removes and returns the smallest item. */
  pop(): T | undefined {
    const items = this.#items;
    const last = items.pop();
    if (items.length === 0) return last;
    const top = items[0];
    items[0] = last as T;
    this.#siftDown(0);
    return top;
  }

  /** Keeps only the items `keep` accepts, then restores heap order in O(n). */
  filter(keep: (item: T) => boolean): void {
    this.#items = this.#items.filter(keep);
    for (let i = (this.#items.length >> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }

  /** Iterates over the items in no particular order. */
  [Symbol.iterator](): IterableIterator<T> {
    return this.#items[Symbol.iterator]();
  }

  /** Removes every item, calling `each` on it. */
  drain(each: (item: T) => void): void {
    const items = this.#items;
    this.#items = [];
    for (const item of items) each(item);
  }

  #siftUp(index: number): void {
    const items = this.#items;
    const item = items[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#less(item, items[parent])) break;
      items[index] = items[parent];
      index = parent;
    }
    items[index] = item;
  }

  #siftDown(index: number): void {
    const items = this.#items;
    const length = items.length;
    const item = items[index];
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      if (child + 1 < length && this.#less(items[child + 1], items[child])) {
        child++;
      }
      if (!this.#less(items[child], item)) break;
      items[index] = items[child];
      index = child;
    }
    items[index] = item;
  }
}
