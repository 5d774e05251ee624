/**
 * Executors for `loop.run_in_executor()` and `to_thread()`, as Python's
 * `concurrent.futures`: `WorkerPoolExecutor` runs functions in a pool of
 * Web Workers, the JavaScript threads.
 *
 * A function crosses to a worker as its source text, and its arguments and
 * result as structured clones: it must be self-contained (no variables
 * from around it; `await import(...)` what it needs), and take and return
 * cloneable values. It may be async.
 *
 * @module
 */

import { RuntimeError, ValueError } from "./exceptions.ts";
import { Deque } from "./_deque.ts";
import { repr } from "./_repr.ts";

/** A function given to an executor. */
export type ExecutorFunction<A extends unknown[], R> = (...args: A) => R | PromiseLike<R>;

/** One submitted call, as Python's `concurrent.futures.Future`. */
export interface ExecutorJob<R> {
  /** Settles with the call's result or error. */
  readonly promise: Promise<R>;
  /** Cancels the call if it has not started; `false` once it runs or ran. */
  cancel(): boolean;
}

/** What `run_in_executor` needs of an executor, as Python's `Executor`. */
export interface Executor {
  /** Schedules `fn(...args)`. */
  submit<A extends unknown[], R>(fn: ExecutorFunction<A, R>, ...args: A): ExecutorJob<R>;
  /** Stops taking calls; with `wait`, settles once the calls in progress are over. */
  shutdown(wait?: boolean): Promise<void>;
}

/** What a pool worker runs: it compiles each function once and answers each call. */
const WORKER_SOURCE = `
const compiled = new Map();
self.onmessage = async ({ data: { id, source, args } }) => {
  try {
    let fn = compiled.get(source);
    if (fn === undefined) {
      fn = (0, eval)("(" + source + ")");
      compiled.set(source, fn);
    }
    const value = await fn(...args);
    self.postMessage({ id, ok: true, value });
  } catch (error) {
    try {
      self.postMessage({ id, ok: false, error });
    } catch {
      self.postMessage({ id, ok: false, error: new Error(String(error)) });
    }
  }
};
`;

let worker_url: string | null = null;

/** The pool workers' module, as a blob URL made once. */
function worker_module(): string {
  if (typeof Worker !== "function") {
    throw new RuntimeError("this runtime has no Web Workers to run functions in");
  }
  worker_url ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
  return worker_url;
}

/**
 * The source a worker compiles for `fn`.
 *
 * @throws {TypeError} When `fn` is not a function whose source is an expression.
 */
function function_source(fn: unknown, what: string): string {
  if (typeof fn !== "function") {
    throw new TypeError(`${what}: func must be a function, got ${repr(fn)}`);
  }
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}$/.test(source)) {
    throw new TypeError(
      `${what}: func must be a function written in JavaScript (its source runs in a worker), got ${
        repr(fn)
      }`,
    );
  }
  // A method (`name(x) { ... }`) is not an expression: make it one.
  return /^(async\s+)?(function\b|\(|[\w$]+\s*=>|async\s*\()/.test(source) ||
      /^class\b/.test(source)
    ? source
    : `{ ${source} }[${JSON.stringify(fn.name)}]`;
}

/** A call waiting for, or running in, a worker. */
class Job<R> implements ExecutorJob<R> {
  readonly promise: Promise<R>;
  state: "pending" | "running" | "done" = "pending";
  resolve!: (value: R) => void;
  reject!: (error: unknown) => void;
  readonly #on_cancel: (job: Job<R>) => void;

  constructor(readonly source: string, readonly args: unknown[], on_cancel: (job: Job<R>) => void) {
    this.#on_cancel = on_cancel;
    this.promise = new Promise<R>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  cancel(): boolean {
    if (this.state !== "pending") return false;
    this.state = "done";
    this.#on_cancel(this);
    this.abandon(new CancelledJobError());
    return true;
  }

  /**
   * Rejects the job on the caller's request (cancelled, or lost in a
   * shutdown): listeners hear it, but nobody has to.
   */
  abandon(error: Error): void {
    this.promise.catch(() => {});
    this.reject(error);
  }
}

/** The error a cancelled job's promise rejects with; `run_in_executor` never shows it. */
class CancelledJobError extends Error {
  override name = "CancelledJobError";
}

/** What a pool worker answers. */
interface Answer {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/** A pool worker and the job it runs. */
class PoolWorker {
  readonly worker: Worker;
  job: Job<unknown> | null = null;

  constructor(on_answer: (worker: PoolWorker, answer: Answer) => void) {
    this.worker = new Worker(worker_module(), { type: "module" });
    this.worker.onmessage = ({ data }) => on_answer(this, data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      on_answer(this, { ok: false, error: event.error ?? new Error(event.message) });
    };
  }
}

/**
 * A pool of Web Workers that runs functions, as Python's
 * `ThreadPoolExecutor`: at most `max_workers` calls at a time (by default
 * the number of CPUs + 4, at most 32), the others queued in order. Workers
 * start when needed and stay until `shutdown()`.
 *
 * @example
 * ```ts
 * import { WorkerPoolExecutor } from "@aiots/asyncio";
 * const pool = new WorkerPoolExecutor(2);
 * const square = (n: number) => n * n;
 * console.log(await Promise.all([3, 4].map((n) => pool.submit(square, n).promise))); // [ 9, 16 ]
 * await pool.shutdown();
 * ```
 */
export class WorkerPoolExecutor implements Executor {
  readonly #max_workers: number;
  readonly #idle: PoolWorker[] = [];
  readonly #busy = new Set<PoolWorker>();
  readonly #queue = new Deque<Job<unknown>>();
  #shutdown = false;
  #drained: (() => void) | null = null;

  /**
   * Makes an empty pool.
   *
   * @param max_workers How many calls may run at once.
   * @throws {ValueError} When `max_workers` is not a positive integer.
   */
  constructor(max_workers: number | null = null) {
    const cpus = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
      ?.hardwareConcurrency ?? 1;
    const workers = max_workers ?? Math.min(32, cpus + 4);
    if (!Number.isInteger(workers) || workers <= 0) {
      throw new ValueError(`max_workers must be greater than 0, got ${repr(max_workers)}`);
    }
    this.#max_workers = workers;
  }

  /**
   * Schedules `fn(...args)` in a worker.
   *
   * @returns The job: its `promise`, and `cancel()`.
   * @throws {RuntimeError} After `shutdown()`.
   * @throws {TypeError} When `fn` is not a function written in JavaScript.
   */
  submit<A extends unknown[], R>(fn: ExecutorFunction<A, R>, ...args: A): ExecutorJob<R> {
    if (this.#shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    const job = new Job<R>(
      function_source(fn, "submit()"),
      args,
      this.#dequeue as (job: Job<R>) => void,
    );
    this.#queue.push(job as Job<unknown>);
    this.#dispatch();
    return job;
  }

  /**
   * Takes no more calls and stops the workers once the calls in progress
   * are over (`wait`, the default: settles then) or at once (the calls in
   * progress are lost). Queued calls still run, unless `cancel_futures`.
   */
  shutdown(wait = true, options?: { cancel_futures?: boolean }): Promise<void> {
    this.#shutdown = true;
    if (options?.cancel_futures) {
      for (const job of [...this.#queue]) job.cancel();
    }
    if (!wait) {
      for (const worker of this.#busy) {
        worker.job?.abandon(new RuntimeError("the executor was shut down while the call ran"));
        worker.worker.terminate();
      }
      this.#busy.clear();
      for (const job of [...this.#queue]) job.cancel();
    }
    this.#terminate_idle();
    if (this.#busy.size === 0 && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained = resolve);
  }

  /** Describes the pool: `<WorkerPoolExecutor workers=2/4 queued=0>`. */
  toString(): string {
    return `<WorkerPoolExecutor workers=${
      this.#busy.size + this.#idle.length
    }/${this.#max_workers} queued=${this.#queue.length}${this.#shutdown ? " shutdown" : ""}>`;
  }

  #dequeue = (job: Job<unknown>): void => {
    this.#queue.remove(job);
    this.#maybe_drained();
  };

  /** A worker answered. */
  #on_answer = (worker: PoolWorker, answer: Answer): void => {
    const job = worker.job;
    worker.job = null;
    this.#busy.delete(worker);
    this.#idle.push(worker);
    if (job !== null && job.state === "running") {
      job.state = "done";
      if (answer.ok) job.resolve(answer.value);
      else job.reject(answer.error);
    }
    this.#dispatch();
  };

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let worker = this.#idle.pop();
      if (worker === undefined) {
        if (this.#busy.size >= this.#max_workers) return;
        worker = new PoolWorker(this.#on_answer);
      }
      const job = this.#queue.shift() as Job<unknown>;
      try {
        worker.worker.postMessage({ id: 0, source: job.source, args: job.args });
      } catch (error) {
        // Arguments that cannot be cloned: the call fails, the worker waits for the next.
        this.#idle.push(worker);
        job.state = "done";
        job.reject(error);
        continue;
      }
      job.state = "running";
      worker.job = job;
      this.#busy.add(worker);
    }
    if (this.#shutdown) this.#terminate_idle();
    this.#maybe_drained();
  }

  #terminate_idle(): void {
    for (const worker of this.#idle) worker.worker.terminate();
    this.#idle.length = 0;
  }

  #maybe_drained(): void {
    if (this.#drained === null || this.#busy.size > 0 || this.#queue.length > 0) return;
    this.#terminate_idle();
    const drained = this.#drained;
    this.#drained = null;
    drained();
  }
}

/** Whether `error` is the rejection of a job cancelled before it ran. */
export function is_cancelled_job(error: unknown): boolean {
  return error instanceof CancelledJobError;
}
