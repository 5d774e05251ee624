/**
 * `BaseExceptionGroup` and `ExceptionGroup`: several errors raised
 * together, as Python's exception groups (PEP 654). `TaskGroup` raises an
 * `ExceptionGroup("unhandled errors in a TaskGroup", errors)`.
 *
 * Both extend JavaScript's `AggregateError`, so `errors` lists the same
 * items as `exceptions` and hosts print the sub-errors of an uncaught group.
 *
 * What is "ordinary" here: Python puts `CancelledError` (and
 * `KeyboardInterrupt`, `SystemExit`) outside `Exception`. The JavaScript
 * counterpart: a `CancelledError`, or a `BaseExceptionGroup` that is not an
 * `ExceptionGroup`, is a *base* error; every other thrown value is ordinary.
 *
 * @module
 */

import { CancelledError, ValueError } from "./exceptions.ts";
import { repr } from "./_repr.ts";

/**
 * A class that errors are tested against with `instanceof`: `TypeError`,
 * `CancelledError`, a class of your own.
 *
 * @example
 * ```ts
 * import type { ErrorClass } from "@aiots/asyncio";
 * const classes: ErrorClass[] = [TypeError, RangeError];
 * console.log(classes.some((cls) => new RangeError("x") instanceof cls)); // true
 * ```
 */
export type ErrorClass = abstract new (...args: never[]) => unknown;

/**
 * What `split()` and `subgroup()` select by: an error class, an array of
 * error classes (Python's tuple of types), or a predicate called with each
 * error and each nested group (the group itself first).
 *
 * @example
 * ```ts
 * import { ExceptionGroup, type ExceptionGroupCondition } from "@aiots/asyncio";
 * const group = new ExceptionGroup("g", [new TypeError("t"), new RangeError("r")]);
 * const conditions: ExceptionGroupCondition[] = [
 *   TypeError,
 *   [TypeError, SyntaxError],
 *   (error) => error instanceof TypeError,
 * ];
 * for (const condition of conditions) console.log(String(group.subgroup(condition)));
 * // ExceptionGroup: g (1 sub-exception), three times
 * ```
 */
export type ExceptionGroupCondition =
  | ErrorClass
  | readonly ErrorClass[]
  | ((error: unknown) => unknown);

type Matcher = (error: unknown) => boolean;

/** Whether `fn` is used as a class rather than a predicate. */
function is_class(fn: (...args: never[]) => unknown): boolean {
  if (fn === Error) return true;
  const proto = (fn as { prototype?: unknown }).prototype;
  if (proto instanceof Error) return true;
  return proto !== undefined && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

function make_matcher(condition: unknown, method: string): Matcher {
  if (typeof condition === "function") {
    const fn = condition as (error: unknown) => unknown;
    if (is_class(fn)) return (error) => error instanceof (fn as unknown as ErrorClass);
    return (error) => Boolean(fn(error));
  }
  if (Array.isArray(condition)) {
    const classes = condition as unknown[];
    classes.forEach((cls, index) => {
      if (typeof cls !== "function") {
        throw new TypeError(
          `${method}(): condition[${index}] must be an error class, got ${repr(cls)}`,
        );
      }
    });
    return (error) => classes.some((cls) => error instanceof (cls as ErrorClass));
  }
  throw new TypeError(
    `${method}(): condition must be an error class, an array of error classes or a predicate function, got ${
      repr(condition)
    }`,
  );
}

/** Whether `error` is what Python calls an `Exception` (not a base error). */
function is_ordinary(error: unknown): boolean {
  if (error instanceof CancelledError) return false;
  if (error instanceof BaseExceptionGroup) return error instanceof ExceptionGroup;
  return true;
}

function check_arguments(name: string, message: unknown, exceptions: unknown): unknown[] {
  if (typeof message !== "string") {
    throw new TypeError(`${name}(): message must be a string, got ${repr(message)}`);
  }
  if (
    exceptions === null || typeof exceptions !== "object" ||
    typeof (exceptions as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `${name}(): exceptions must be an array of errors, got ${repr(exceptions)}`,
    );
  }
  const items = Array.from(exceptions as Iterable<unknown>);
  if (items.length === 0) {
    throw new ValueError(`${name}(): exceptions must be a non-empty array`);
  }
  items.forEach((item, index) => {
    if (item === null || item === undefined) {
      throw new ValueError(`${name}(): exceptions[${index}] is not an error: ${item}`);
    }
  });
  return items;
}

interface SplitResult {
  match: unknown;
  rest: unknown;
}

const NONE: SplitResult = { match: null, rest: null };

/** Copies what Python copies to a derived group: cause and traceback (stack). */
function derive_from(group: BaseExceptionGroup, excs: unknown[]): BaseExceptionGroup {
  const derived = group.derive(excs);
  if (!(derived instanceof BaseExceptionGroup)) {
    throw new TypeError(
      `derive(): must return a BaseExceptionGroup, got ${repr(derived)}`,
    );
  }
  if (Object.hasOwn(group, "cause")) {
    Object.defineProperty(derived, "cause", {
      value: group.cause,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  if (typeof group.stack === "string") {
    Object.defineProperty(derived, "stack", {
      value: group.stack,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  return derived;
}

function split_recursive(error: unknown, matcher: Matcher, with_rest: boolean): SplitResult {
  if (matcher(error)) return { match: error, rest: null };
  if (!(error instanceof BaseExceptionGroup)) {
    return with_rest ? { match: null, rest: error } : NONE;
  }
  const matched: unknown[] = [];
  const rest: unknown[] = [];
  for (const item of error.exceptions) {
    const part = split_recursive(item, matcher, with_rest);
    if (part.match !== null) matched.push(part.match);
    if (part.rest !== null) rest.push(part.rest);
  }
  return {
    match: matched.length > 0 ? derive_from(error, matched) : null,
    rest: with_rest && rest.length > 0 ? derive_from(error, rest) : null,
  };
}

/**
 * A group of errors raised together, as Python's `BaseExceptionGroup`. As
 * in Python, `new BaseExceptionGroup(message, errors)` gives an
 * `ExceptionGroup` when every error is ordinary (not a `CancelledError`
 * nor a base group): a JavaScript constructor may return another object,
 * and this one does. Subclasses are left as they are.
 *
 * `message` is the message alone, and `toString()` adds the count as
 * Python's `str()` does: `"ExceptionGroup: boom (2 sub-exceptions)"`.
 *
 * @example Selecting errors
 * ```ts
 * import { BaseExceptionGroup, CancelledError, ExceptionGroup } from "@aiots/asyncio";
 * const group = new BaseExceptionGroup("batch", [new TypeError("a"), new CancelledError()]);
 * console.log(group instanceof ExceptionGroup); // false: it holds a CancelledError
 * const [cancelled, others] = group.split(CancelledError);
 * console.log(cancelled?.exceptions.length, others instanceof ExceptionGroup); // 1 true
 * console.log(new BaseExceptionGroup("ok", [new TypeError("b")]).name); // ExceptionGroup
 * ```
 */
export class BaseExceptionGroup extends AggregateError {
  /** The errors of the group, in order (a frozen array, as Python's tuple). */
  declare readonly exceptions: readonly unknown[];

  /**
   * Makes a group of `exceptions` (a non-empty array) with `message`.
   *
   * @param message The message, without the count.
   * @param exceptions The errors, one or more; nested groups are allowed.
   * @param options `cause`, as for `Error`.
   * @throws {TypeError} When `message` is not a string or `exceptions` not an array.
   * @throws {ValueError} When `exceptions` is empty or holds `null`/`undefined`.
   */
  constructor(message: string, exceptions: Iterable<unknown>, options?: ErrorOptions) {
    const name = new.target?.name || "BaseExceptionGroup";
    const items = check_arguments(name, message, exceptions);
    if (new.target === BaseExceptionGroup && items.every(is_ordinary)) {
      return new ExceptionGroup(message, items, options);
    }
    super(items, message, options);
    const frozen = Object.freeze(items);
    Object.defineProperty(this, "name", {
      value: name,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    Object.defineProperty(this, "exceptions", {
      value: frozen,
      writable: false,
      configurable: true,
      enumerable: false,
    });
    Object.defineProperty(this, "errors", {
      value: frozen,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }

  /**
   * The errors matching `condition`, as a group with the same message and
   * nesting, or `null` when none match. A group that matches as a whole is
   * returned as it is (so `subgroup(() => true)` is the group itself).
   *
   * @param condition An error class, an array of them, or a predicate.
   * @returns The matching part, or `null`.
   * @throws {TypeError} When `condition` is none of those.
   *
   * @example
   * ```ts
   * import { ExceptionGroup } from "@aiots/asyncio";
   * const group = new ExceptionGroup("two", [new TypeError("t"), new RangeError("r")]);
   * console.log(group.subgroup(TypeError)?.exceptions.map((e) => (e as Error).message)); // [ "t" ]
   * console.log(group.subgroup(SyntaxError)); // null
   * ```
   */
  subgroup(condition: ExceptionGroupCondition): BaseExceptionGroup | null {
    const matcher = make_matcher(condition, "subgroup");
    return split_recursive(this, matcher, false).match as BaseExceptionGroup | null;
  }

  /**
   * Splits the group in two: `[match, rest]`, where `match` holds the
   * errors matching `condition` and `rest` the others, each with the same
   * message and nesting as this group, or `null` when empty.
   *
   * @param condition An error class, an array of them, or a predicate.
   * @returns The matching part and the rest.
   * @throws {TypeError} When `condition` is none of those.
   *
   * @example
   * ```ts
   * import { ExceptionGroup } from "@aiots/asyncio";
   * const group = new ExceptionGroup("outer", [
   *   new TypeError("t"),
   *   new ExceptionGroup("inner", [new RangeError("r"), new TypeError("u")]),
   * ]);
   * const [types, rest] = group.split(TypeError);
   * console.log(String(types)); // ExceptionGroup: outer (2 sub-exceptions)
   * console.log(String(rest)); // ExceptionGroup: outer (1 sub-exception)
   * ```
   */
  split(
    condition: ExceptionGroupCondition,
  ): [BaseExceptionGroup | null, BaseExceptionGroup | null] {
    const matcher = make_matcher(condition, "split");
    const { match, rest } = split_recursive(this, matcher, true);
    return [match as BaseExceptionGroup | null, rest as BaseExceptionGroup | null];
  }

  /**
   * Makes a group like this one with other errors: `split()` and
   * `subgroup()` call it to build their parts. Subclasses override it to
   * keep their class; the default is `new BaseExceptionGroup(this.message, excs)`.
   *
   * @param excs The errors of the new group.
   * @returns The new group.
   *
   * @example
   * ```ts
   * import { ExceptionGroup } from "@aiots/asyncio";
   * const group = new ExceptionGroup("failed", [new TypeError("a")]);
   * console.log(String(group.derive([new RangeError("b"), new RangeError("c")])));
   * // ExceptionGroup: failed (2 sub-exceptions)
   * ```
   */
  derive(excs: Iterable<unknown>): BaseExceptionGroup {
    return new BaseExceptionGroup(this.message, excs);
  }

  /** `"ExceptionGroup: message (2 sub-exceptions)"`: the name, then Python's `str()`. */
  override toString(): string {
    const count = this.exceptions.length;
    return `${this.name}: ${this.message} (${count} sub-exception${count === 1 ? "" : "s"})`;
  }
}

/**
 * A group of ordinary errors, as Python's `ExceptionGroup`; what
 * `TaskGroup` raises. It is a `BaseExceptionGroup` (and an `AggregateError`).
 *
 * @example
 * ```ts
 * import { ExceptionGroup } from "@aiots/asyncio";
 * const group = new ExceptionGroup("unhandled errors in a TaskGroup", [new TypeError("x")]);
 * console.log(group.message); // unhandled errors in a TaskGroup
 * console.log(String(group)); // ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
 * ```
 */
export class ExceptionGroup extends BaseExceptionGroup {
  /**
   * Makes a group of ordinary errors.
   *
   * @param message The message, without the count.
   * @param exceptions The errors, one or more.
   * @param options `cause`, as for `Error`.
   * @throws {TypeError} When an error is a `CancelledError` or a base group
   * (Python's "Cannot nest BaseExceptions in an ExceptionGroup"), or the
   * arguments have the wrong types.
   * @throws {ValueError} When `exceptions` is empty.
   */
  constructor(message: string, exceptions: Iterable<unknown>, options?: ErrorOptions) {
    const name = new.target?.name || "ExceptionGroup";
    const items = check_arguments(name, message, exceptions);
    const index = items.findIndex((item) => !is_ordinary(item));
    if (index !== -1) {
      throw new TypeError(
        `${name}(): cannot nest BaseExceptions in an ExceptionGroup: exceptions[${index}] is ${
          repr(items[index])
        }`,
      );
    }
    super(message, items, options);
  }
}
