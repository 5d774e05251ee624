/**
 * Context variables, as Python's `contextvars`: `ContextVar`, `Token`,
 * `Context` and `copy_context()`. Each Task runs every step in its own
 * Context, and each callback in the one captured when it was scheduled.
 *
 * Which Context is current: inside `Context.run()`, a callback or a task
 * step, the one they entered; in the rest of an async-function step (the
 * code after its first await), the one of the task whose code it is, told
 * as the library tells whose `await` a `then()` call is (`lib/_native.ts`,
 * docs/ordering.md); outside any loop, one global Context.
 *
 * @module
 */

import { KeyError, LookupError, RuntimeError, ValueError } from "./exceptions.ts";
import { awaiting_task, UNKNOWN_TASK } from "./_native.ts";
import { address_of, repr } from "./_repr.ts";

/**
 * What can be the current context: a Context itself, a callback's Handle,
 * a Task. `_context` is `null` until the holder needs one: a callback or
 * task that captured an empty context gets its own empty Context only if it
 * sets a variable.
 *
 * @ignore
 */
export interface ContextHolder {
  /** The holder's Context; `null` (or undefined) for an empty one made on first use. */
  _context?: Context | null;
}

/**
 * The entered holder (set by `Context.run`, `Handle._run` and `Task._step`
 * for their synchronous run), or `null` between them. `used` turns true at
 * the first `ContextVar.set`: until then every context is empty, and
 * capturing one costs a single read.
 *
 * @ignore
 */
export const context_state: { holder: ContextHolder | null; used: boolean } = {
  holder: null,
  used: false,
};

/** The holder of code outside any loop. */
const outside: ContextHolder = { _context: null };

function current_holder(): ContextHolder {
  const holder = context_state.holder;
  if (holder !== null) return holder;
  const task = awaiting_task();
  if (task === UNKNOWN_TASK) {
    throw new RuntimeError(
      "cannot tell which task's context is current: several tasks started before their loop's " +
        "first foreign await are awaiting foreign promises at once, and this runtime does not say " +
        "whose code this is (see docs/ordering.md)",
    );
  }
  return task === null ? outside : task as unknown as ContextHolder;
}

/**
 * The current Context.
 *
 * @ignore
 */
export function _current_context(): Context {
  const holder = current_holder();
  return holder._context ??= new Context();
}

/**
 * A copy of the current Context for a callback or task to run in, or
 * `null` when it is empty (the callback then gets an empty one if it needs
 * one).
 *
 * @ignore
 */
export function _capture_context(): Context | null {
  if (!context_state.used) return null;
  const context = current_holder()._context;
  return context == null || context._vars.size === 0 ? null : context.copy();
}

/**
 * `context` if it is a Context, `null` for `null`/`undefined`.
 *
 * @throws {TypeError} When it is anything else; `where` names the argument.
 * @ignore
 */
export function _check_context(context: unknown, where: string): Context | null {
  if (context === undefined || context === null) return null;
  if (!(context instanceof Context)) {
    throw new TypeError(`${where}: context must be a Context or null, got ${repr(context)}`);
  }
  return context;
}

/** Options of `call_soon`, `call_later`, `call_at` and `add_done_callback`. */
export interface CallbackOptions {
  /** The Context the callback runs in; a copy of the current one when not given. */
  context?: Context | null;
}

/**
 * Takes a trailing `{ context }` options object off a callback's `args`
 * (a plain object whose only key is `context`, as `gather` takes its
 * options), and returns the Context to run the callback in.
 *
 * @throws {TypeError} When `context` is not a Context.
 * @ignore
 */
export function _take_context(args: unknown[], where: string): Context | null {
  const last = args.length === 0 ? undefined : args[args.length - 1];
  if (
    typeof last === "object" && last !== null && Object.getPrototypeOf(last) === Object.prototype
  ) {
    const keys = Object.keys(last);
    if (keys.length === 1 && keys[0] === "context") {
      args.pop();
      const context = _check_context((last as CallbackOptions).context, where);
      if (context !== null) return context;
    }
  }
  return _capture_context();
}

const NO_DEFAULT: unique symbol = Symbol("no default");

/**
 * A mapping of context variables to values. Copies are cheap (they share
 * an immutable map until one of them sets a variable).
 *
 * @example
 * ```ts
 * import { Context, ContextVar, copy_context } from "@aiots/asyncio";
 * const user = new ContextVar<string>("user", { default: "nobody" });
 * const ctx = copy_context();
 * ctx.run(() => user.set("ada"));
 * console.log(ctx.get(user), user.get()); // ada nobody
 * console.log(new Context().size); // 0
 * ```
 */
export class Context implements ContextHolder {
  /**
   * The variables' values; never changed once made, so copies share it.
   *
   * @ignore
   */
  _vars: Map<ContextVar<unknown>, unknown>;
  /** @ignore */
  readonly _context: Context = this;
  #entered = false;

  /**
   * An empty Context.
   *
   * @throws {TypeError} When given any argument (as Python's `Context()`).
   */
  constructor() {
    if (arguments.length > 0) throw new TypeError("Context() does not accept any arguments");
    this._vars = EMPTY;
  }

  /**
   * Calls `fn(...args)` with this Context current, and returns its result:
   * what `fn` sets stays in this Context.
   *
   * @throws {RuntimeError} When the Context is already entered.
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    if (this.#entered || current_holder()._context === this) {
      throw new RuntimeError(`cannot enter context: ${this} is already entered`);
    }
    const outer = context_state.holder;
    context_state.holder = this;
    this.#entered = true;
    try {
      return fn(...args);
    } finally {
      this.#entered = false;
      context_state.holder = outer;
    }
  }

  /** A shallow copy. */
  copy(): Context {
    const copy = new Context();
    copy._vars = this._vars;
    return copy;
  }

  /** The value of `variable` here, else `default_value` (`null` when not given). */
  get<T, D = null>(variable: ContextVar<T>, default_value?: D): T | D {
    check_key(variable);
    const vars = this._vars;
    if (vars.has(variable)) return vars.get(variable) as T;
    return (arguments.length > 1 ? default_value : null) as D;
  }

  /**
   * The value of `variable` here: Python's `ctx[var]`.
   *
   * @throws {KeyError} When it has none.
   */
  getitem<T>(variable: ContextVar<T>): T {
    check_key(variable);
    const vars = this._vars;
    if (!vars.has(variable)) throw new KeyError(String(variable));
    return vars.get(variable) as T;
  }

  /** Whether `variable` has a value here: Python's `var in ctx`. */
  has(variable: ContextVar<unknown>): boolean {
    check_key(variable);
    return this._vars.has(variable);
  }

  /** The number of variables with a value: Python's `len(ctx)`. */
  get size(): number {
    return this._vars.size;
  }

  /** The variables with a value. */
  keys(): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  /** Their values. */
  values(): IterableIterator<unknown> {
    return this._vars.values();
  }

  /** `[variable, value]` pairs. */
  items(): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this._vars.entries();
  }

  /** Iterates over the variables, as Python's `iter(ctx)`. */
  [Symbol.iterator](): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  /** `<_contextvars.Context object at 0x...>`, as Python's repr. */
  toString(): string {
    return `<_contextvars.Context object at ${address_of(this)}>`;
  }
}

const EMPTY: Map<ContextVar<unknown>, unknown> = new Map();

function check_key(variable: unknown): void {
  if (!(variable instanceof ContextVar)) {
    throw new TypeError(`a ContextVar key was expected, got ${repr(variable)}`);
  }
}

/** Options of `ContextVar`: Python's keyword argument `default`. */
export interface ContextVarOptions<T> {
  /** The value `get()` gives where the variable was never set. */
  default?: T;
}

/**
 * A context variable: its value depends on the current Context, so each
 * Task (and each callback) sees its own.
 *
 * @example Tasks see the value at their creation, not their siblings' changes
 * ```ts
 * import { ContextVar, coroutine, create_task, gather, run, sleep } from "@aiots/asyncio";
 * const request = new ContextVar<number>("request", { default: 0 });
 * const handle = coroutine(async (n: number) => {
 *   request.set(n);
 *   await sleep(0.1);
 *   return request.get();
 * });
 * const main = coroutine(async () => {
 *   const results = await gather(create_task(handle(1)), create_task(handle(2)));
 *   console.log(results, request.get()); // [ 1, 2 ] 0
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 */
export class ContextVar<T> {
  readonly #name: string;
  readonly #default: T | typeof NO_DEFAULT;

  /**
   * A new variable.
   *
   * @param name Its name, for reprs.
   * @param options `default`: the value where it was never set.
   * @throws {TypeError} When `name` is not a string.
   */
  constructor(name: string, options?: ContextVarOptions<T>) {
    if (typeof name !== "string") throw new TypeError("context variable name must be a str");
    this.#name = name;
    this.#default = options !== undefined && "default" in options
      ? options.default as T
      : NO_DEFAULT;
  }

  /** The variable's name. */
  get name(): string {
    return this.#name;
  }

  /**
   * The value in the current Context; else `default_value` if given; else
   * the variable's default.
   *
   * @throws {LookupError} When there is none of these.
   */
  get(): T;
  /** The value in the current Context, else `default_value`. */
  get<D>(default_value: D): T | D;
  get<D>(default_value?: D): T | D {
    const vars = current_vars();
    if (vars.has(this)) return vars.get(this) as T;
    if (arguments.length > 0) return default_value as D;
    if (this.#default !== NO_DEFAULT) return this.#default;
    throw new LookupError(String(this));
  }

  /**
   * Sets the value in the current Context.
   *
   * @returns A Token that `reset()` takes to restore the previous value.
   */
  set(value: T): Token<T> {
    context_state.used = true;
    const context = _current_context();
    const vars = context._vars;
    const old = vars.has(this) ? vars.get(this) as T : Token.MISSING;
    context._vars = new Map(vars).set(this, value);
    return new Token(this, old, context);
  }

  /**
   * Restores the value the variable had before the `set()` that made
   * `token`.
   *
   * @throws {RuntimeError} When the token was used already.
   * @throws {ValueError} When it was made by another variable or in
   * another Context.
   */
  reset(token: Token<T>): void {
    if (!(token instanceof Token)) {
      throw new TypeError(`expected an instance of Token, got ${repr(token)}`);
    }
    if (token._used) throw new RuntimeError(`${token} has already been used once`);
    if (token.var !== this) throw new ValueError(`${token} was created by a different ContextVar`);
    const context = _current_context();
    if (token._context !== context) {
      throw new ValueError(`${token} was created in a different Context`);
    }
    const vars = new Map(context._vars);
    if (token.old_value === Token.MISSING) vars.delete(this);
    else vars.set(this, token.old_value);
    context._vars = vars.size === 0 ? EMPTY : vars;
    token._used = true;
  }

  /** `<ContextVar name='v' default=1 at 0x...>`, as Python's repr. */
  toString(): string {
    const default_part = this.#default === NO_DEFAULT ? "" : ` default=${repr(this.#default)}`;
    return `<ContextVar name=${repr(this.#name)}${default_part} at ${address_of(this)}>`;
  }
}

function current_vars(): Map<ContextVar<unknown>, unknown> {
  if (!context_state.used) return EMPTY;
  const context = current_holder()._context;
  return context == null ? EMPTY : context._vars;
}

/**
 * What `ContextVar.set()` returns: `reset(token)` undoes that set. A Token
 * is also disposable: `using _ = v.set(x);` resets at the end of the block
 * (Python 3.14's `with v.set(x):`).
 *
 * @example
 * ```ts
 * import { ContextVar, Token } from "@aiots/asyncio";
 * const level = new ContextVar<number>("level", { default: 0 });
 * const token = level.set(1);
 * console.log(token.old_value === Token.MISSING, level.get()); // true 1
 * level.reset(token);
 * console.log(level.get()); // 0
 * ```
 */
export class Token<T> {
  /** `old_value` of a Token whose variable had no value before. */
  static readonly MISSING: unique symbol = Symbol("Token.MISSING");
  /** The variable that was set. */
  readonly var: ContextVar<T>;
  /** The value before, or `Token.MISSING`. */
  readonly old_value: T | typeof Token.MISSING;
  /** @ignore */
  readonly _context: Context;
  /** @ignore */
  _used = false;

  /** Made by `ContextVar.set()`. */
  constructor(variable: ContextVar<T>, old_value: T | typeof Token.MISSING, context: Context) {
    this.var = variable;
    this.old_value = old_value;
    this._context = context;
  }

  /** Resets the variable, as `var.reset(token)`. */
  [Symbol.dispose](): void {
    this.var.reset(this);
  }

  /** `<Token var=<ContextVar ...> at 0x...>`, as Python's repr. */
  toString(): string {
    return `<Token${this._used ? " used" : ""} var=${this.var} at ${address_of(this)}>`;
  }
}

/**
 * A copy of the current Context.
 *
 * @example
 * ```ts
 * import { ContextVar, copy_context } from "@aiots/asyncio";
 * const v = new ContextVar<string>("v");
 * v.set("outer");
 * const ctx = copy_context();
 * ctx.run(() => v.set("inner"));
 * console.log(v.get(), ctx.get(v)); // outer inner
 * ```
 */
export function copy_context(): Context {
  return _current_context().copy();
}
