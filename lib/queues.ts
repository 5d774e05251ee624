/**
 * Queues for coordinating producer and consumer coroutines, as asyncio's
 * `queues` module: `Queue` (FIFO), `PriorityQueue` (lowest first) and
 * `LifoQueue` (last in, first out), with `join()`/`task_done()` and
 * Python 3.13's `shutdown()`.
 *
 * `put()`, `get()` and `join()` return lazy `Coroutine`s: nothing happens
 * until they are awaited (`await q.get()`, `yield* q.get()`) or scheduled
 * (`ensure_future(q.put(1))`). Waiting getters and putters are served in
 * FIFO order, and a waiter cancelled after it was woken passes its turn on,
 * so no item and no free slot is ever lost.
 *
 * @module
 */

import type { AbstractEventLoop } from "./abstract_loop.ts";
import { Coroutine } from "./coroutines.ts";
import { QueueEmpty, QueueFull, QueueShutDown, ValueError } from "./exceptions.ts";
import type { Future } from "./futures.ts";
import { Event } from "./locks.ts";
import { _get_loop, _named, _NO_ARGS, _remove_waiter } from "./_waiting.ts";
import { repr } from "./_repr.ts";
import { check_function, check_integer } from "./_checks.ts";
import { Deque } from "./_deque.ts";

// ---------------------------------------------------------------------------
// Storage: how each kind of queue keeps its items

/** Where a queue keeps its items; `take()` is only called when `length > 0`. */
interface Store<T> {
  readonly length: number;
  push(item: T): void;
  take(): T;
  /** Drops every item. */
  clear(): void;
  /** The items in the order Python's `list(q._queue)` shows them. */
  items(): T[];
}

class FifoStore<T> implements Store<T> {
  readonly #deque = new Deque<T>();
  get length(): number {
    return this.#deque.length;
  }
  push(item: T): void {
    this.#deque.push(item);
  }
  take(): T {
    return this.#deque.shift() as T;
  }
  clear(): void {
    this.#deque.clear();
  }
  items(): T[] {
    return [...this.#deque];
  }
}

class LifoStore<T> implements Store<T> {
  readonly #stack: T[] = [];
  get length(): number {
    return this.#stack.length;
  }
  push(item: T): void {
    this.#stack.push(item);
  }
  take(): T {
    return this.#stack.pop() as T;
  }
  clear(): void {
    this.#stack.length = 0;
  }
  items(): T[] {
    return this.#stack.slice();
  }
}

/**
 * A binary min-heap that makes the very comparisons Python's `heapq`
 * makes, in the same order, so items with equal priorities come out in
 * CPython's order. All comparisons of a push or pop happen before the
 * array changes: a comparison that throws leaves the heap as it was.
 */
class HeapStore<E> implements Store<E> {
  readonly #heap: E[] = [];
  readonly #path: number[] = [];
  readonly #lt: (a: E, b: E) => boolean;

  constructor(lt: (a: E, b: E) => boolean) {
    this.#lt = lt;
  }

  get length(): number {
    return this.#heap.length;
  }

  push(item: E): void {
    const heap = this.#heap;
    const lt = this.#lt;
    // heapq._siftdown from the new leaf: move up while smaller than the parent.
    let pos = heap.length;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!lt(item, heap[parent])) break;
      pos = parent;
    }
    let hole = heap.length;
    heap.push(item);
    while (hole > pos) {
      const parent = (hole - 1) >> 1;
      heap[hole] = heap[parent];
      hole = parent;
    }
    heap[pos] = item;
  }

  take(): E {
    const heap = this.#heap;
    const end = heap.length - 1;
    const last = heap[end];
    if (end === 0) {
      heap.pop();
      return last;
    }
    const lt = this.#lt;
    const top = heap[0];
    // heapq._siftup: the hole at the root follows the smaller child
    // (the right one on ties) down to a leaf ...
    const path = this.#path;
    path.length = 0;
    path.push(0);
    for (let child = 1; child < end; child = 2 * child + 1) {
      const right = child + 1;
      if (right < end && !lt(heap[child], heap[right])) child = right;
      path.push(child);
    }
    // ... then the last item moves up from that leaf while it is smaller
    // than the child that moved into the parent's place.
    let stop = path.length - 1;
    while (stop > 0 && lt(last, heap[path[stop]])) stop--;
    for (let i = 0; i < stop; i++) heap[path[i]] = heap[path[i + 1]];
    heap[path[stop]] = last;
    heap.pop();
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  items(): E[] {
    return this.#heap.slice();
  }
}

// ---------------------------------------------------------------------------
// Python's `<`, for PriorityQueue's default order

function is_number_like(value: unknown): value is number | bigint | boolean {
  const type = typeof value;
  return type === "number" || type === "bigint" || type === "boolean";
}

function type_name(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "Array";
  if (typeof value === "object") return value.constructor?.name ?? "Object";
  return typeof value;
}

/** A UTF-16 unit remapped so that comparing units orders strings by code point. */
function code_point_order(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

function string_lt(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return code_point_order(x) < code_point_order(y);
  }
  return a.length < b.length;
}

/** Python's `==` for the values `py_lt` orders; other objects are equal only to themselves. */
function py_eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (is_number_like(a) && is_number_like(b)) return a == b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!py_eq(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

/**
 * Python's `a < b` for numbers (with bigints and booleans), strings (by
 * code point), Dates, and arrays compared item by item like tuples.
 *
 * @throws {TypeError} For values Python could not order either.
 */
function py_lt(a: unknown, b: unknown): boolean {
  const ta = typeof a;
  if (ta === "number" && typeof b === "number") return (a as number) < b;
  if (ta === "string" && typeof b === "string") return a === b ? false : string_lt(a as string, b);
  if (is_number_like(a) && is_number_like(b)) return a < b;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!py_eq(a[i], b[i])) return py_lt(a[i], b[i]);
    }
    return a.length < b.length;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() < b.getTime();
  throw new TypeError(
    `'<' not supported between instances of '${type_name(a)}' and '${type_name(b)}': ` +
      "give the PriorityQueue a key or compare option",
  );
}

/** An item stored with its key, when `PriorityQueue` has a `key` option. */
class Keyed<T> {
  constructor(readonly key: unknown, readonly item: T) {}
}

// ---------------------------------------------------------------------------
// Queue

/**
 * A first-in, first-out queue for coordinating producer and consumer
 * coroutines, generic in its items. With `maxsize` > 0, `put()` waits
 * while the queue holds `maxsize` items; `get()` waits while it is empty.
 * Waiters are served in FIFO order.
 *
 * `join()` waits until every item put was taken and marked done with
 * `task_done()`. `shutdown()` (Python 3.13) makes puts raise
 * `QueueShutDown`, and gets too once the queue is empty.
 *
 * @example Producer and consumer
 * ```ts
 * import { coroutine, create_task, Queue, run, sleep } from "@aiots/asyncio";
 * const queue = new Queue<number>(2);
 * const consumer = coroutine(async () => {
 *   for (;;) {
 *     const n = await queue.get();
 *     await sleep(1);
 *     console.log("consumed", n);
 *     queue.task_done();
 *   }
 * });
 * await run(coroutine(async () => {
 *   const worker = create_task(consumer());
 *   for (let n = 0; n < 5; n++) await queue.put(n);
 *   await queue.join();
 *   worker.cancel();
 * })(), { clock: "virtual" });
 * ```
 */
export class Queue<T = unknown> {
  /** @ignore */
  _store: Store<T>;
  /** @ignore */
  readonly _maxsize: number;
  /** @ignore */
  readonly _getters: Deque<Future<void>> = new Deque();
  /** @ignore */
  readonly _putters: Deque<Future<void>> = new Deque();
  /** @ignore */
  _unfinished_tasks = 0;
  /** @ignore */
  readonly _finished: Event = new Event();
  /** @ignore */
  _is_shutdown = false;
  /** @ignore */
  _loop: AbstractEventLoop | null = null;

  /**
   * Makes an empty queue.
   *
   * @param maxsize Optional: the most items it holds, an integer >= 0; 0
   *   (the default) for no limit.
   * @throws {TypeError} When `maxsize` is not a number.
   * @throws {ValueError} When `maxsize` is negative or not an integer.
   */
  constructor(maxsize: number = 0) {
    check_integer(maxsize, `${new.target.name}(): maxsize`);
    if (maxsize < 0) {
      throw new ValueError(
        `${new.target.name}(): maxsize must be an integer >= 0 (0 for no limit), got ${maxsize}`,
      );
    }
    this._maxsize = maxsize;
    this._store = new FifoStore<T>();
    this._finished.set();
  }

  /** The most items the queue holds; 0 for no limit. */
  get maxsize(): number {
    return this._maxsize;
  }

  /**
   * The number of items in the queue.
   *
   * @returns How many items `get()` could take without waiting.
   */
  qsize(): number {
    return this._store.length;
  }

  /**
   * Whether the queue holds no item.
   *
   * @returns `true` when `qsize()` is 0.
   */
  empty(): boolean {
    return this._store.length === 0;
  }

  /**
   * Whether the queue holds `maxsize` items; never with no limit.
   *
   * @returns `true` when `put()` would wait.
   */
  full(): boolean {
    return this._maxsize > 0 && this._store.length >= this._maxsize;
  }

  /**
   * Puts `item` into the queue, waiting for a free slot while it is full.
   * Nothing happens until the coroutine is awaited or scheduled. A putter
   * cancelled while waiting puts nothing.
   *
   * @param item The item.
   * @returns A coroutine that resolves once the item is in the queue; it
   *   raises `QueueShutDown` when the queue is (or gets) shut down.
   *
   * @example
   * ```ts
   * import { coroutine, ensure_future, Queue, run } from "@aiots/asyncio";
   * const queue = new Queue<string>();
   * await run(coroutine(async () => {
   *   const put = queue.put("a"); // a coroutine: nothing is put yet
   *   console.log(queue.qsize()); // 0
   *   await ensure_future(put);
   *   console.log(queue.qsize()); // 1
   * })());
   * ```
   */
  put(item: T): Coroutine<void> {
    return new Coroutine<void>(this._put_body, this, [item]);
  }

  /** `put()`'s body. */
  private *_put_body(item: T): Generator<unknown, void, unknown> {
    while (this.full()) {
      if (this._is_shutdown) throw new QueueShutDown("put(): the queue is shut down");
      const putter = _get_loop(this).create_future<void>();
      const putters = this._putters;
      putters.push(putter);
      try {
        yield putter;
      } catch (error) {
        putter.cancel(); // in case it was not done yet
        _remove_waiter(putters, putter); // unless a get or shutdown already did
        // Woken by a get but cancelled: let the next putter have the slot.
        if (!this.full() && !putter.cancelled()) this._wakeup_next(putters);
        throw error;
      }
    }
    this.put_nowait(item);
  }

  /**
   * Puts `item` into the queue without waiting.
   *
   * @param item The item.
   * @throws {QueueFull} When the queue is full.
   * @throws {QueueShutDown} When the queue is shut down.
   */
  put_nowait(item: T): void {
    if (this._is_shutdown) throw new QueueShutDown("put_nowait(): the queue is shut down");
    if (this.full()) {
      throw new QueueFull(`put_nowait(): the queue is full (maxsize ${this._maxsize})`);
    }
    this._store.push(item);
    this._unfinished_tasks++;
    this._finished.clear();
    this._wakeup_next(this._getters);
  }

  /**
   * Takes the next item, waiting while the queue is empty. A getter
   * cancelled after it was woken leaves the item for the next getter.
   *
   * @returns A coroutine resolving to the item; it raises `QueueShutDown`
   *   when the queue is shut down and empty.
   *
   * @example
   * ```ts
   * import { coroutine, ensure_future, Queue, run } from "@aiots/asyncio";
   * const queue = new Queue<number>();
   * await run(coroutine(async () => {
   *   for (const n of [1, 2, 3]) ensure_future(queue.put(n));
   *   for (let i = 0; i < 3; i++) console.log(await queue.get()); // 1, 2, 3
   * })());
   * ```
   */
  get(): Coroutine<T> {
    return new Coroutine<T>(this._get_body, this, _NO_ARGS);
  }

  /** `get()`'s body. */
  private *_get_body(): Generator<unknown, T, unknown> {
    while (this._store.length === 0) {
      if (this._is_shutdown) throw new QueueShutDown("get(): the queue is shut down and empty");
      const getter = _get_loop(this).create_future<void>();
      const getters = this._getters;
      getters.push(getter);
      try {
        yield getter;
      } catch (error) {
        getter.cancel(); // in case it was not done yet
        _remove_waiter(getters, getter); // unless a put or shutdown already did
        // Woken by a put but cancelled: let the next getter have the item.
        if (this._store.length > 0 && !getter.cancelled()) this._wakeup_next(getters);
        throw error;
      }
    }
    return this.get_nowait();
  }

  /**
   * Takes the next item without waiting.
   *
   * @returns The item.
   * @throws {QueueEmpty} When the queue is empty.
   * @throws {QueueShutDown} When the queue is shut down and empty.
   */
  get_nowait(): T {
    if (this._store.length === 0) {
      if (this._is_shutdown) {
        throw new QueueShutDown("get_nowait(): the queue is shut down and empty");
      }
      throw new QueueEmpty("get_nowait(): the queue is empty");
    }
    const item = this._store.take();
    this._wakeup_next(this._putters);
    return item;
  }

  /**
   * Marks an item taken with `get()` as processed; when every item put has
   * been marked, `join()` returns.
   *
   * @throws {ValueError} When called more times than items were put.
   */
  task_done(): void {
    if (this._unfinished_tasks <= 0) {
      throw new ValueError("task_done() called too many times");
    }
    if (--this._unfinished_tasks === 0) this._finished.set();
  }

  /**
   * Waits until every item put into the queue was taken and marked done
   * with `task_done()`.
   *
   * @returns A coroutine that resolves when no task is unfinished.
   *
   * @example
   * ```ts
   * import { coroutine, create_task, Queue, run, sleep } from "@aiots/asyncio";
   * const queue = new Queue<string>();
   * await run(coroutine(async () => {
   *   queue.put_nowait("job");
   *   create_task(coroutine(async () => {
   *     const job = await queue.get();
   *     await sleep(1);
   *     console.log("did", job);
   *     queue.task_done();
   *   })());
   *   await queue.join();
   *   console.log("all done");
   * })(), { clock: "virtual" });
   * ```
   */
  join(): Coroutine<void> {
    return new Coroutine<void>(this._join_body, this, _NO_ARGS);
  }

  /** `join()`'s body. */
  private *_join_body(): Generator<unknown, void, unknown> {
    if (this._unfinished_tasks > 0) yield this._finished.wait();
  }

  /**
   * Shuts the queue down (Python 3.13): puts raise `QueueShutDown`, and
   * gets do once the queue is empty. Waiting putters and getters are woken
   * and raise it (getters only when nothing is left to take). With
   * `immediate`, the queued items are dropped, each counted as done, so
   * `join()` returns.
   *
   * @param immediate Drop what is queued: `true`, or `{ immediate: true }`.
   *
   * @example
   * ```ts
   * import { coroutine, Queue, QueueShutDown, run } from "@aiots/asyncio";
   * const queue = new Queue<number>();
   * await run(coroutine(async () => {
   *   queue.put_nowait(1);
   *   queue.shutdown();
   *   console.log(await queue.get()); // 1: what was queued can still be taken
   *   try {
   *     await queue.get();
   *   } catch (error) {
   *     console.log(error instanceof QueueShutDown); // true
   *   }
   * })());
   * ```
   */
  shutdown(immediate: boolean | { immediate?: boolean } = false): void {
    if (typeof immediate === "object" && immediate !== null) {
      immediate = immediate.immediate ?? false;
    }
    if (typeof immediate !== "boolean") {
      throw new TypeError(`shutdown(): immediate must be a boolean, got ${repr(immediate)}`);
    }
    this._is_shutdown = true;
    if (immediate) {
      // Each dropped item counts as done.
      this._unfinished_tasks = Math.max(0, this._unfinished_tasks - this._store.length);
      this._store.clear();
      if (this._unfinished_tasks === 0) this._finished.set();
    }
    // Every waiter wakes up to check again, and raises.
    for (const waiters of [this._getters, this._putters]) {
      while (waiters.length > 0) this._wakeup_next(waiters);
    }
  }

  /** @ignore */
  _wakeup_next(waiters: Deque<Future<void>>): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift() as Future<void>;
      if (!waiter.done()) {
        waiter.set_result(undefined);
        return;
      }
    }
  }

  /**
   * Describes the queue: `<Queue maxsize=2 _queue=[1, 2] _getters[1] tasks=2>`.
   *
   * @returns The description.
   */
  toString(): string {
    let text = `maxsize=${this._maxsize}`;
    if (this._store.length > 0) text += ` _queue=${repr(this._store.items())}`;
    if (this._getters.length > 0) text += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) text += ` _putters[${this._putters.length}]`;
    if (this._unfinished_tasks > 0) text += ` tasks=${this._unfinished_tasks}`;
    if (this._is_shutdown) text += " shutdown";
    return `<${this.constructor.name} ${text}>`;
  }

  // What its coroutines report as `__name__` (and in reprs).
  static {
    _named("Queue.put", this.prototype._put_body);
    _named("Queue.get", this.prototype._get_body);
    _named("Queue.join", this.prototype._join_body);
  }
}

/**
 * Options of `PriorityQueue`: how items are ordered (give one of the two).
 *
 * @example
 * ```ts
 * import { PriorityQueue, type PriorityQueueOptions } from "@aiots/asyncio";
 * interface Job {
 *   name: string;
 *   due: Date;
 * }
 * const by_due: PriorityQueueOptions<Job> = { key: (job) => job.due };
 * const jobs = new PriorityQueue<Job>(0, by_due);
 * jobs.put_nowait({ name: "later", due: new Date(2030, 0, 1) });
 * jobs.put_nowait({ name: "sooner", due: new Date(2020, 0, 1) });
 * console.log(jobs.get_nowait().name); // sooner
 * ```
 */
export interface PriorityQueueOptions<T> {
  /** Orders items by `key(item)`, compared as the default order compares items. */
  key?: (item: T) => unknown;
  /** Orders items as `Array.prototype.sort` would: negative when `a` comes first. */
  compare?: (a: T, b: T) => number;
}

/**
 * A queue that gives the lowest item first. By default items are ordered
 * as Python orders them: numbers (and bigints), strings by code point,
 * Dates, and arrays compared item by item, which keeps the
 * `[priority, item]` habit of Python's `(priority, item)` tuples. Other
 * items need a `key` or `compare` option. Items with equal priorities come
 * out in the same order as from CPython's `heapq`.
 *
 * @example
 * ```ts
 * import { coroutine, PriorityQueue, run } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const queue = new PriorityQueue<[number, string]>();
 *   queue.put_nowait([3, "low"]);
 *   queue.put_nowait([1, "high"]);
 *   queue.put_nowait([2, "medium"]);
 *   while (!queue.empty()) console.log((await queue.get())[1]); // high, medium, low
 *
 *   const jobs = new PriorityQueue<{ name: string; due: number }>(0, { key: (job) => job.due });
 *   jobs.put_nowait({ name: "later", due: 20 });
 *   jobs.put_nowait({ name: "sooner", due: 10 });
 *   console.log(jobs.get_nowait().name); // sooner
 * })());
 * ```
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  /**
   * Makes an empty priority queue.
   *
   * @param maxsize Optional: the most items it holds, an integer >= 0; 0
   *   (the default) for no limit.
   * @param options `key` or `compare`, to order items the default order cannot.
   * @throws {TypeError} When `maxsize` is not a number, an option is not a
   *   function, or both options are given.
   * @throws {ValueError} When `maxsize` is negative or not an integer.
   */
  constructor(maxsize: number = 0, options: PriorityQueueOptions<T> = {}) {
    super(maxsize);
    if (options === null || typeof options !== "object") {
      throw new TypeError(`PriorityQueue(): options must be an object, got ${repr(options)}`);
    }
    const { key, compare } = options;
    if (key !== undefined) check_function(key, "PriorityQueue(): options.key");
    if (compare !== undefined) check_function(compare, "PriorityQueue(): options.compare");
    if (key !== undefined && compare !== undefined) {
      throw new TypeError("PriorityQueue(): give options.key or options.compare, not both");
    }
    if (key !== undefined) {
      const store = new HeapStore<Keyed<T>>((a, b) => py_lt(a.key, b.key));
      this._store = {
        get length(): number {
          return store.length;
        },
        push: (item: T) => store.push(new Keyed(key(item), item)),
        take: () => store.take().item,
        clear: () => store.clear(),
        items: () => store.items().map((entry) => entry.item),
      };
    } else if (compare !== undefined) {
      this._store = new HeapStore<T>((a, b) => compare(a, b) < 0);
    } else {
      this._store = new HeapStore<T>(py_lt);
    }
  }
}

/**
 * A queue that gives the most recently added item first.
 *
 * @example
 * ```ts
 * import { coroutine, LifoQueue, run } from "@aiots/asyncio";
 * await run(coroutine(async () => {
 *   const stack = new LifoQueue<number>();
 *   for (const n of [1, 2, 3]) await stack.put(n);
 *   console.log(await stack.get(), await stack.get(), await stack.get()); // 3 2 1
 * })());
 * ```
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  /**
   * Makes an empty LIFO queue.
   *
   * @param maxsize Optional: the most items it holds, an integer >= 0; 0
   *   (the default) for no limit.
   * @throws {TypeError} When `maxsize` is not a number.
   * @throws {ValueError} When `maxsize` is negative or not an integer.
   */
  constructor(maxsize: number = 0) {
    super(maxsize);
    this._store = new LifoStore<T>();
  }
}
