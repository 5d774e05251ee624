/**
 * Coroutines: lazy wrappers around async functions and generator
 * functions (`coroutine(fn)`), and the tests `iscoroutine` and
 * `iscoroutinefunction`.
 *
 * @module
 */

import { RuntimeError } from "./exceptions.ts";
import { isgenerator } from "./_checks.ts";
import type { Future } from "./futures.ts";
import { hand_to_task } from "./_native.ts";
import { _get_running_loop } from "./_running.ts";
import { debug_now, forget_coroutine, watch_coroutine } from "./_debug.ts";

/** Anything a coroutine can await: a Future, a Coroutine, a Promise or thenable. */
export type Awaitable<T> =
  | Future<T>
  | Coroutine<T>
  | PromiseLike<T>
  // deno-lint-ignore no-explicit-any
  | Generator<unknown, T, any>;

/** What a Task runs: a `Coroutine`, or a plain generator object. */
// deno-lint-ignore no-explicit-any
export type CoroutineLike<T> = Coroutine<T> | Generator<unknown, T, any>;

/** The body of a coroutine: an async function or a generator function. */
export type CoroutineBody<A extends unknown[], T> =
  | ((...args: A) => Promise<T>)
  // deno-lint-ignore no-explicit-any
  | ((...args: A) => Generator<unknown, T, any>);

/** A coroutine function: calling it runs nothing and returns a `Coroutine`. */
export type CoroutineFunction<A extends unknown[], T> = (...args: A) => Coroutine<T>;

const coroutine_functions = new WeakSet<object>();

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;

// A one-entry cache: a hot loop makes coroutines of the same body again and
// again, and `instanceof` walks the prototype chain each time.
let last_body: unknown = null;
let last_body_is_generator = false;

function* yield_to_task<T>(coro: Coroutine<T>): Generator<unknown, T, unknown> {
  return (yield coro) as T;
}

function is_generator_function(body: unknown): boolean {
  if (body !== last_body) {
    last_body = body;
    last_body_is_generator = body instanceof GeneratorFunction;
  }
  return last_body_is_generator;
}

/**
 * A coroutine object: the call of a coroutine function that has not started
 * yet. It starts when it is awaited (inline, in the awaiting task), yielded
 * from a generator coroutine, or scheduled with `create_task` or
 * `ensure_future`; it can start only once.
 *
 * @example
 * ```ts
 * import { Coroutine, coroutine, run } from "@aiots/asyncio";
 * const double = coroutine(async (n: number) => n * 2);
 * const coro = double(21); // nothing runs yet
 * console.log(coro instanceof Coroutine); // true
 * console.log(await run(coro)); // 42
 * ```
 */
export class Coroutine<T> implements PromiseLike<T> {
  /** @ignore */
  readonly _body: (...args: unknown[]) => unknown;
  /** @ignore */
  readonly _self: unknown;
  /**
   * The arguments for the body; `null` once the coroutine started.
   *
   * @ignore
   */
  _args: unknown[] | null;

  /** Makes a coroutine that will call `body` with `self` and `args`; prefer `coroutine(fn)`. */
  constructor(body: (...args: never[]) => unknown, self: unknown, args: unknown[]) {
    this._body = body as (...args: unknown[]) => unknown;
    this._self = self;
    this._args = args;
    if (debug_now()) watch_coroutine(this);
  }

  /**
   * Whether the coroutine started (or was closed before its first step).
   *
   * @ignore
   */
  get _started(): boolean {
    return this._args === null;
  }

  /** The name of the coroutine function. */
  get __name__(): string {
    return this._body.name || "<anonymous>";
  }

  /**
   * Whether the body is a generator function (else it is taken for an
   * async function).
   *
   * @ignore
   */
  _is_generator(): boolean {
    return is_generator_function(this._body);
  }

  /**
   * Starts the body: returns its generator or its promise.
   *
   * @ignore
   */
  _start(): unknown {
    if (this._started) {
      throw new RuntimeError(`cannot reuse already awaited coroutine '${this.__name__}'`);
    }
    const args = this._args as unknown[];
    this._mark_started();
    return this._body.apply(this._self, args);
  }

  /**
   * Marks the coroutine started: awaited, scheduled, or closed before its
   * first step. It can start only once, and it was not left unawaited.
   *
   * @ignore
   */
  _mark_started(): void {
    this._args = null;
    forget_coroutine(this);
  }

  /**
   * Closes a coroutine that has not started, as Python's `coro.close()`:
   * its body never runs (starting it later is a `RuntimeError`), and debug
   * mode does not report it as never awaited. A coroutine that started is
   * left as it is.
   *
   * @example A coroutine a TaskGroup refused
   * ```ts
   * import { coroutine } from "@aiots/asyncio";
   * const work = coroutine(async () => console.log("never printed"));
   * const refused = work();
   * refused.close();
   * ```
   */
  close(): void {
    this._mark_started();
  }

  /**
   * Makes the coroutine awaitable: inside a task `await coro` runs it inline
   * in that task; elsewhere it is scheduled as a Task on the running loop.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    if (hand_to_task(this, onfulfilled, onrejected)) {
      return undefined as unknown as PromiseLike<R1 | R2>; // `await` ignores it
    }
    const loop = _get_running_loop();
    if (loop === null) {
      return Promise.reject(
        new RuntimeError(
          `coroutine '${this.__name__}' was awaited outside an event loop: use run() or loop.run_until_complete()`,
        ),
      ).then(onfulfilled, onrejected);
    }
    return loop.create_task(this).then(onfulfilled, onrejected);
  }

  /**
   * Lets generator coroutines write `const value = yield* coro`. A
   * generator body is iterated directly; any other body is handed to the
   * task, which runs it inline.
   */
  [Symbol.iterator](): Generator<unknown, T, unknown> {
    if (is_generator_function(this._body)) {
      return this._start() as Generator<unknown, T, unknown>;
    }
    return yield_to_task(this);
  }

  /** Describes the coroutine: `<Coroutine name>`. */
  toString(): string {
    return `<Coroutine ${this.__name__}>`;
  }
}

/**
 * A promise from an async function that was called inside the running
 * task's step (an `async_with` body, a user's `async __aexit__`): a
 * generator coroutine yields it wrapped in this, and the task runs it as
 * an inline frame, so that its awaits are the task's awaits.
 *
 * @ignore
 */
export class InlineCall {
  /** The async function's promise. */
  readonly promise: PromiseLike<unknown>;

  /** Wraps `promise`. */
  constructor(promise: PromiseLike<unknown>) {
    this.promise = promise;
  }
}

/**
 * Makes a coroutine function from an async function or a generator
 * function, as `@asyncio.coroutine`: calling it runs nothing and returns a
 * `Coroutine`, started when awaited or scheduled.
 *
 * @param body An async function or a generator function.
 * @returns A coroutine function with the same parameters.
 * @throws {TypeError} When `body` is not a function.
 *
 * @example Both styles
 * ```ts
 * import { coroutine, run, sleep } from "@aiots/asyncio";
 * const add = coroutine(async (a: number, b: number) => {
 *   await sleep(1);
 *   return a + b;
 * });
 * const twice = coroutine(function* (n: number) {
 *   const sum: number = yield* add(n, n);
 *   return sum;
 * });
 * console.log(await run(twice(4), { clock: "virtual" })); // 8
 * ```
 */
export function coroutine<A extends unknown[], T>(
  body: (...args: A) => Promise<T>,
): CoroutineFunction<A, T>;
/**
 * Makes a coroutine function from a generator function: its body `yield`s
 * (or `yield*`s) awaitables and gets their results back.
 *
 * @param body A generator function.
 * @returns A coroutine function with the same parameters.
 *
 * @example
 * ```ts
 * import { coroutine, run, sleep } from "@aiots/asyncio";
 * const count = coroutine(function* (n: number) {
 *   for (let i = 0; i < n; i++) yield* sleep(1);
 *   return n;
 * });
 * console.log(await run(count(3), { clock: "virtual" })); // 3
 * ```
 */
export function coroutine<A extends unknown[], T>(
  // deno-lint-ignore no-explicit-any
  body: (...args: A) => Generator<unknown, T, any>,
): CoroutineFunction<A, T>;
export function coroutine<A extends unknown[], T>(
  body: CoroutineBody<A, T>,
): CoroutineFunction<A, T> {
  if (typeof body !== "function") {
    throw new TypeError(
      `coroutine(): body must be an async function or a generator function, got ${typeof body}`,
    );
  }
  const fn = {
    [body.name]: function (this: unknown, ...args: A): Coroutine<T> {
      return new Coroutine<T>(body, this, args);
    },
  }[body.name];
  coroutine_functions.add(fn);
  return fn;
}

/**
 * Whether `value` is a coroutine: a `Coroutine` or a generator object.
 *
 * @example
 * ```ts
 * import { coroutine, iscoroutine } from "@aiots/asyncio";
 * const work = coroutine(async () => 1);
 * console.log(iscoroutine(work()), iscoroutine(Promise.resolve(1))); // true false
 * ```
 */
// deno-lint-ignore no-explicit-any
export function iscoroutine(value: unknown): value is CoroutineLike<any> {
  return value instanceof Coroutine || isgenerator(value);
}

/**
 * Whether `fn` is a coroutine function: made by `coroutine()`, or a
 * generator function.
 *
 * @example
 * ```ts
 * import { coroutine, iscoroutinefunction } from "@aiots/asyncio";
 * console.log(iscoroutinefunction(coroutine(async () => 1))); // true
 * console.log(iscoroutinefunction(() => 1)); // false
 * ```
 */
export function iscoroutinefunction(fn: unknown): boolean {
  return typeof fn === "function" &&
    (coroutine_functions.has(fn) || fn.constructor?.name === "GeneratorFunction");
}
