/**
 * Executors for `loop.run_in_executor()` and `to_thread()`, as Python's
 * `concurrent.futures`: `WorkerPoolExecutor` runs functions in a pool of
 * Web Workers, the JavaScript threads (on Node, `node:worker_threads`).
 *
 * A function crosses to a worker as its source text, and its arguments and
 * result as structured clones: it must be self-contained (no variables
 * from around it; `await import(...)` what it needs), and take and return
 * cloneable values. It may be async.
 *
 * @module
 */

import { BrokenWorkerError, RuntimeError, ValueError } from "./exceptions.ts";
import { Deque } from "./_deque.ts";
import { get_logger } from "./log.ts";
import { repr } from "./_repr.ts";
import { check_function, check_integer } from "./_checks.ts";

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

/**
 * What a pool worker runs: it compiles each function once and answers each
 * call with the call's id. The pool talks to it over a private port that
 * the first message brings: a job's code runs by indirect eval, out of
 * reach of these variables, so nothing a job posts or replaces is taken
 * for an answer.
 */
const WORKER_SOURCE = `
const compiled = new Map();
let port;
let running = null;

function answer(id, kind, value) {
  running = null;
  try {
    port.postMessage({ kind, id, value });
  } catch (error) {
    // Node 20 cannot clone a DOMException: its name and message go along.
    port.postMessage({ kind: "uncloneable", id, of: kind, error, name: error.name, message: error.message });
  }
}

// An error no answer carries (a timer's throw, a promise nobody awaited)
// is reported and the worker lives on: the next job is not its to answer for.
function stray(error) {
  try {
    port.postMessage({ kind: "stray", error });
  } catch (clone_error) {
    port.postMessage({ kind: "stray", error: clone_error });
  }
}
host.catch_errors(stray);

// A worker that ends itself says so first, and which job was under way:
// the host tells the pool nothing when a worker closes itself.
function ending(how, end) {
  return (...args) => {
    port.postMessage({ kind: "ended", how, running });
    return end(...args);
  };
}
host.wrap_exits(ending);

host.on_port((private_port) => {
  port = private_port;
  port.onmessage = run;
});

async function run({ data: { id, source, args } }) {
  running = id;
  let value;
  try {
    let fn = compiled.get(source);
    if (fn === undefined) {
      fn = (0, eval)("(" + source + ")");
      compiled.set(source, fn);
    }
    value = await fn(...args);
  } catch (error) {
    answer(id, "error", error);
    return;
  }
  answer(id, "value", value);
}
`;

/**
 * What `WORKER_SOURCE` needs of a Web Worker (Deno, browsers, Bun): where
 * its errors go, its ways to end itself, and the first message's port.
 */
const WEB_WORKER_HOST = `
const host = {
  catch_errors(report) {
    self.addEventListener("error", (event) => {
      event.preventDefault();
      report(event.error);
    });
    self.addEventListener("unhandledrejection", (event) => {
      event.preventDefault();
      report(event.reason);
    });
  },
  wrap_exits(ending) {
    self.close = ending("it called close()", self.close.bind(self));
    if (typeof Deno === "object") Deno.exit = ending("it called Deno.exit()", Deno.exit);
  },
  on_port(take) {
    self.onmessage = ({ ports: [port] }) => {
      self.onmessage = null;
      take(port);
    };
  },
};
`;

/** The same for a `node:worker_threads` worker (Node), which runs its code as CommonJS. */
const NODE_WORKER_HOST = `
const { parentPort } = require("node:worker_threads");
const host = {
  catch_errors(report) {
    process.on("uncaughtException", report);
    process.on("unhandledRejection", report);
  },
  wrap_exits(ending) {
    process.exit = ending("it called process.exit()", process.exit.bind(process));
  },
  on_port(take) {
    parentPort.once("message", take);
  },
};
`;

/** The parts of `node:worker_threads`' Worker used here. */
interface NodeWorker {
  postMessage(message: unknown, transfer: unknown[]): void;
  on(event: "error", listener: (error: unknown) => void): void;
  terminate(): unknown;
}

/** How this runtime starts a pool worker: a Web Worker (of a blob URL made once), or Node's. */
type WorkerHost =
  | { kind: "web"; url: string }
  | { kind: "node"; Worker: new (source: string, options: { eval: true }) => NodeWorker };

let worker_host: WorkerHost | null | undefined;

/** This runtime's way to start workers, `null` when it has none. */
function find_worker_host(): WorkerHost | null {
  if (worker_host !== undefined) return worker_host;
  if (typeof Worker === "function") {
    const source = WEB_WORKER_HOST + WORKER_SOURCE;
    worker_host = {
      kind: "web",
      url: URL.createObjectURL(new Blob([source], { type: "text/javascript" })),
    };
  } else {
    let threads: { Worker?: unknown } | undefined;
    try {
      // deno-lint-ignore no-explicit-any
      threads = (globalThis as any).process?.getBuiltinModule?.("node:worker_threads");
    } catch {
      threads = undefined; // not offered by this runtime
    }
    worker_host = typeof threads?.Worker === "function"
      ? { kind: "node", Worker: threads.Worker as new () => NodeWorker }
      : null;
  }
  return worker_host;
}

/**
 * Starts a worker that takes `port` as its line to the pool; `on_error`
 * hears of an error that escaped it (which ended it).
 */
function start_worker(
  host: WorkerHost,
  port: MessagePort,
  on_error: (error: unknown) => void,
): { terminate(): unknown } {
  if (host.kind === "node") {
    const worker = new host.Worker(NODE_WORKER_HOST + WORKER_SOURCE, { eval: true });
    worker.postMessage(port, [port]);
    worker.on("error", on_error);
    return worker;
  }
  const worker = new Worker(host.url, { type: "module" });
  worker.postMessage(null, [port]);
  worker.onerror = (event) => {
    event.preventDefault();
    on_error(event.error ?? event.message);
  };
  return worker;
}

/**
 * The source a worker compiles for `fn`.
 *
 * @throws {TypeError} When `fn` is not a function whose source is an expression.
 */
function function_source(fn: unknown, what: string): string {
  check_function(fn, `${what}: func`);
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

  constructor(
    readonly id: number,
    readonly name: string,
    readonly source: string,
    readonly args: unknown[],
    on_cancel: (job: Job<R>) => void,
  ) {
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

  /** Names the job in errors: `job 3 (square)`. */
  toString(): string {
    return this.name === "" ? `job ${this.id}` : `job ${this.id} (${this.name})`;
  }
}

/** The error a cancelled job's promise rejects with; `run_in_executor` never shows it. */
class CancelledJobError extends Error {
  override name = "CancelledJobError";
}

/** What a pool worker reports over its port (see `WORKER_SOURCE`). */
type WorkerReport =
  | { kind: "value"; id: number; value: unknown }
  | { kind: "error"; id: number; value: unknown }
  | {
    kind: "uncloneable";
    id: number;
    of: "value" | "error";
    error: unknown;
    name: string;
    message: string;
  }
  | { kind: "stray"; error: unknown }
  | { kind: "ended"; how: string; running: number | null; error?: unknown };

/** A pool worker, its port, and the job it runs. */
class PoolWorker {
  readonly worker: { terminate(): unknown };
  readonly port: MessagePort;
  job: Job<unknown> | null = null;

  constructor(
    readonly number: number,
    host: WorkerHost,
    on_report: (worker: PoolWorker, report: WorkerReport) => void,
  ) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = ({ data }) => on_report(this, data);
    // The worker's own handlers keep errors in; one that still escapes
    // (a job broke those handlers, or the worker could not start) ends it.
    this.worker = start_worker(host, channel.port2, (error) => {
      on_report(this, {
        kind: "ended",
        how: "an uncaught error ended it",
        running: this.job?.id ?? null,
        error,
      });
    });
  }

  /** Ends the worker and closes its port. */
  stop(): void {
    this.port.close();
    this.worker.terminate();
  }
}

/**
 * A pool of Web Workers that runs functions, as Python's
 * `ThreadPoolExecutor`: at most `max_workers` calls at a time (by default
 * the number of CPUs + 4, at most 32), the others queued in order. Workers
 * start when needed and stay until `shutdown()`.
 *
 * Each call is answered by its own result or error, never by another's. A
 * worker that dies (it closes itself, or an error escapes it) fails the
 * call it ran with {@linkcode BrokenWorkerError} and a new worker takes the
 * next. An error a worker raises outside its calls (a timer's throw after
 * a call returned) goes to the library's logger, as Python prints an
 * error in a thread; the worker goes on.
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
  readonly #joiners: (() => void)[] = [];
  #shutdown = false;
  #jobs_submitted = 0;
  #workers_started = 0;
  #host: WorkerHost | null = null;

  /**
   * Makes an empty pool.
   *
   * @param max_workers How many calls may run at once.
   * @throws {TypeError} When `max_workers` is not a number.
   * @throws {ValueError} When `max_workers` is not a positive integer.
   */
  constructor(max_workers: number | null = null) {
    const cpus = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
      ?.hardwareConcurrency ?? 1;
    const workers = max_workers ?? Math.min(32, cpus + 4);
    check_integer(workers, "WorkerPoolExecutor(): max_workers");
    if (workers <= 0) {
      throw new ValueError(`max_workers must be greater than 0, got ${repr(max_workers)}`);
    }
    this.#max_workers = workers;
  }

  /**
   * Schedules `fn(...args)` in a worker.
   *
   * @returns The job: its `promise`, and `cancel()`.
   * @throws {RuntimeError} After `shutdown()`, or at once where the runtime
   *   has neither Web Workers nor `node:worker_threads`.
   * @throws {TypeError} When `fn` is not a function written in JavaScript.
   */
  submit<A extends unknown[], R>(fn: ExecutorFunction<A, R>, ...args: A): ExecutorJob<R> {
    if (this.#shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    const source = function_source(fn, "submit()");
    // Checked before the job is queued: a job no worker can ever take
    // would keep `shutdown()` (and the loop's executor join) waiting.
    this.#host ??= find_worker_host();
    if (this.#host === null) {
      throw new RuntimeError(
        "submit(): this runtime has neither Web Workers nor node:worker_threads to run functions in",
      );
    }
    const job = new Job<R>(
      ++this.#jobs_submitted,
      fn.name,
      source,
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
    if (options?.cancel_futures || !wait) {
      for (const job of [...this.#queue]) job.cancel();
    }
    if (!wait) {
      for (const worker of this.#busy) {
        const job = worker.job!;
        worker.job = null;
        job.state = "done";
        job.abandon(new RuntimeError("the executor was shut down while the call ran"));
        worker.stop();
      }
      this.#busy.clear();
    }
    const joined = new Promise<void>((resolve) => this.#joiners.push(resolve));
    this.#maybe_drained();
    return joined;
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

  /** A worker reported: an answer settles the job it names, if the worker runs that job. */
  #on_report = (worker: PoolWorker, report: WorkerReport): void => {
    if (report.kind === "stray") {
      get_logger().error(
        `Exception in worker ${worker.number} of ${this}, outside any call's answer`,
        report.error,
      );
      return;
    }
    if (report.kind === "ended") {
      this.#on_ended(worker, report.how, report.running, report.error);
      return;
    }
    const job = worker.job;
    if (job === null || job.id !== report.id) return;
    worker.job = null;
    this.#busy.delete(worker);
    this.#idle.push(worker);
    job.state = "done";
    if (report.kind === "value") job.resolve(report.value);
    else if (report.kind === "error") job.reject(report.value);
    else {
      const cause = report.error instanceof DOMException
        ? report.error
        : new DOMException(report.message, report.name);
      job.reject(
        new TypeError(
          `${job} ${
            report.of === "value" ? "returned" : "threw"
          } a value its worker cannot send back: ${cause.message}`,
          { cause },
        ),
      );
    }
    this.#dispatch();
  };

  /**
   * A worker ended: the job it was running fails; one it had not taken up
   * yet goes back to the head of the queue, for a new worker.
   */
  #on_ended(worker: PoolWorker, how: string, running: number | null, error: unknown): void {
    worker.stop();
    this.#busy.delete(worker);
    const idle = this.#idle.indexOf(worker);
    if (idle !== -1) this.#idle.splice(idle, 1);
    const job = worker.job;
    worker.job = null;
    if (job !== null && job.id === running) {
      job.state = "done";
      job.reject(
        new BrokenWorkerError(`the worker running ${job} died: ${how}`, { cause: error }),
      );
    } else if (job !== null) {
      job.state = "pending";
      this.#queue.unshift(job);
    }
    this.#dispatch();
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let worker = this.#idle.pop();
      if (worker === undefined) {
        if (this.#busy.size >= this.#max_workers) return;
        worker = new PoolWorker(++this.#workers_started, this.#host!, this.#on_report);
      }
      const job = this.#queue.shift() as Job<unknown>;
      try {
        worker.port.postMessage({ id: job.id, source: job.source, args: job.args });
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
    for (const worker of this.#idle) worker.stop();
    this.#idle.length = 0;
  }

  /** Once shut down and out of calls: the workers stop and `shutdown()` settles. */
  #maybe_drained(): void {
    if (!this.#shutdown || this.#busy.size > 0 || this.#queue.length > 0) return;
    this.#terminate_idle();
    for (const resolve of this.#joiners.splice(0)) resolve();
  }
}

/** Whether `error` is the rejection of a job cancelled before it ran. */
export function is_cancelled_job(error: unknown): boolean {
  return error instanceof CancelledJobError;
}
