import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";
import { BaseExceptionGroup, CancelledError, ExceptionGroup, ValueError } from "../mod.ts";

function messages(group: BaseExceptionGroup | null): unknown {
  if (group === null) return null;
  return group.exceptions.map((e) =>
    e instanceof BaseExceptionGroup ? { [e.message]: messages(e) } : (e as Error).message
  );
}

function sample(): ExceptionGroup {
  return new ExceptionGroup("m", [
    new RangeError("1"),
    new TypeError("2"),
    new ExceptionGroup("n", [new RangeError("3"), new SyntaxError("4")]),
  ]);
}

Deno.test("ExceptionGroup: message, exceptions, name, toString as Python's str", () => {
  const inner = new TypeError("x");
  const group = new ExceptionGroup("unhandled errors in a TaskGroup", [inner]);
  assertStrictEquals(group.message, "unhandled errors in a TaskGroup");
  assertStrictEquals(group.name, "ExceptionGroup");
  assertStrictEquals(group.exceptions[0], inner);
  assertStrictEquals(group.exceptions.length, 1);
  assertOk(Object.isFrozen(group.exceptions), "exceptions is immutable, as a tuple");
  assertStrictEquals(
    String(group),
    "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
  );
  assertStrictEquals(String(sample()), "ExceptionGroup: m (3 sub-exceptions)");
  assertOk(group instanceof Error && group instanceof AggregateError);
  assertOk(group instanceof BaseExceptionGroup);
  assertStrictEquals(group.errors, group.exceptions);
  assertOk(group.stack?.startsWith("ExceptionGroup: unhandled errors in a TaskGroup"));
});

Deno.test("ExceptionGroup: copies the array it is given and takes iterables", () => {
  const list: unknown[] = [new TypeError("a")];
  const group = new ExceptionGroup("g", list);
  list.push(new TypeError("b"));
  assertStrictEquals(group.exceptions.length, 1);
  const from_set = new ExceptionGroup("s", new Set([new TypeError("c")]));
  assertEquals(messages(from_set), ["c"]);
});

Deno.test("ExceptionGroup: keeps the cause", () => {
  const cause = new Error("root");
  const group = new ExceptionGroup("g", [new TypeError("a")], { cause });
  assertStrictEquals(group.cause, cause);
  const [match] = group.split(TypeError);
  assertStrictEquals(match?.cause, cause, "split copies the cause, as Python copies __cause__");
  assertStrictEquals(match?.stack, group.stack, "and the stack, as Python the traceback");
});

Deno.test("BaseExceptionGroup: gives an ExceptionGroup when every error is ordinary", () => {
  const ordinary = new BaseExceptionGroup("x", [new TypeError(), "a thrown string"]);
  assertOk(ordinary instanceof ExceptionGroup);
  assertStrictEquals(ordinary.name, "ExceptionGroup");
  assertStrictEquals(ordinary.constructor, ExceptionGroup);

  const base = new BaseExceptionGroup("x", [new TypeError(), new CancelledError()]);
  assertOk(!(base instanceof ExceptionGroup));
  assertStrictEquals(base.name, "BaseExceptionGroup");
  assertStrictEquals(String(base), "BaseExceptionGroup: x (2 sub-exceptions)");

  // A base group nested in a base group keeps it base; an ExceptionGroup inside is ordinary.
  assertOk(!(new BaseExceptionGroup("y", [base]) instanceof ExceptionGroup));
  assertOk(new BaseExceptionGroup("y", [ordinary]) instanceof ExceptionGroup);
});

Deno.test("BaseExceptionGroup: subclasses keep their class", () => {
  class MyGroup extends BaseExceptionGroup {}
  const mine = new MyGroup("mine", [new TypeError()]);
  assertOk(mine instanceof MyGroup);
  assertOk(!(mine instanceof ExceptionGroup));
  assertStrictEquals(mine.name, "MyGroup");
  // The default derive() makes plain groups, as Python's.
  assertStrictEquals(mine.derive([new TypeError()]).constructor, ExceptionGroup);

  class KeepClass extends ExceptionGroup {
    override derive(excs: Iterable<unknown>): KeepClass {
      return new KeepClass(this.message, excs);
    }
  }
  const keep = new KeepClass("k", [new TypeError("a"), new RangeError("b")]);
  const [match, rest] = keep.split(TypeError);
  assertOk(match instanceof KeepClass && rest instanceof KeepClass);
});

Deno.test("ExceptionGroup: refuses base errors, as Python", () => {
  assertThrows(
    () => new ExceptionGroup("x", [new TypeError(), new CancelledError()]),
    (error: unknown) =>
      error instanceof TypeError &&
      /cannot nest BaseExceptions in an ExceptionGroup: exceptions\[1\]/.test(error.message),
  );
  const base = new BaseExceptionGroup("b", [new CancelledError()]);
  assertThrows(() => new ExceptionGroup("x", [base]), TypeError);
});

Deno.test("ExceptionGroup: bad arguments are errors naming the argument", () => {
  assertThrows(
    () => new ExceptionGroup(1 as never, [new TypeError()]),
    (e: unknown) => e instanceof TypeError && /message must be a string, got 1/.test(e.message),
  );
  assertThrows(
    () => new ExceptionGroup("x", []),
    (e: unknown) =>
      e instanceof ValueError && /exceptions must be a non-empty array/.test(e.message),
  );
  assertThrows(
    () => new BaseExceptionGroup("x", new TypeError() as never),
    (e: unknown) => e instanceof TypeError && /exceptions must be an array/.test(e.message),
  );
  assertThrows(
    () => new ExceptionGroup("x", "abc" as never),
    (e: unknown) => e instanceof TypeError && /exceptions must be an array/.test(e.message),
  );
  assertThrows(
    () => new ExceptionGroup("x", [new TypeError(), null]),
    (e: unknown) => e instanceof ValueError && /exceptions\[1\] is not an error/.test(e.message),
  );
  const group = sample();
  for (const bad of [1, "TypeError", null, [TypeError, 2]]) {
    assertThrows(
      () => group.split(bad as never),
      (e: unknown) => e instanceof TypeError && /^split\(\): condition/.test(e.message),
    );
  }
  assertThrows(
    () => group.subgroup(undefined as never),
    (e: unknown) => e instanceof TypeError && /^subgroup\(\): condition must be/.test(e.message),
  );
});

Deno.test("ExceptionGroup.subgroup: by class, nested groups rebuilt, null when empty", () => {
  const group = sample();
  const ranges = group.subgroup(RangeError);
  assertEquals(messages(ranges), ["1", { n: ["3"] }]);
  assertOk(ranges instanceof ExceptionGroup);
  assertStrictEquals(ranges?.message, "m");
  assertStrictEquals(ranges?.exceptions[0], group.exceptions[0], "leaves are the same objects");
  assertOk(ranges?.exceptions[1] !== group.exceptions[2], "nested groups are derived");
  assertStrictEquals(group.subgroup(EvalError), null);
});

Deno.test("ExceptionGroup.subgroup: a group matching as a whole comes back as it is", () => {
  const group = sample();
  assertStrictEquals(group.subgroup(() => true), group);
  assertStrictEquals(group.subgroup(Error), group);
  assertStrictEquals(group.subgroup(ExceptionGroup), group);
  // All leaves match but the group itself does not: a new group, as Python.
  const only = new ExceptionGroup("o", [new TypeError()]);
  const copy = only.subgroup(TypeError);
  assertOk(copy !== null && copy !== only);
  assertEquals(messages(copy), [""]);
});

Deno.test("ExceptionGroup.subgroup: predicates see leaves and nested groups", () => {
  const group = sample();
  const seen: string[] = [];
  group.subgroup((e) => {
    seen.push(e instanceof BaseExceptionGroup ? `group ${e.message}` : (e as Error).message);
    return false;
  });
  assertEquals(seen, ["group m", "1", "2", "group n", "3", "4"]);
  const inner = group.subgroup((e) => e instanceof ExceptionGroup && e.message === "n");
  assertEquals(messages(inner), [{ n: ["3", "4"] }]);
  assertStrictEquals(inner?.exceptions[0], group.exceptions[2], "matched whole, not rebuilt");
});

Deno.test("ExceptionGroup.split: match and rest keep the structure", () => {
  const group = sample();
  const [match, rest] = group.split(RangeError);
  assertEquals(messages(match), ["1", { n: ["3"] }]);
  assertEquals(messages(rest), ["2", { n: ["4"] }]);

  const [both, others] = group.split([RangeError, SyntaxError]);
  assertEquals(messages(both), ["1", { n: ["3", "4"] }]);
  assertEquals(messages(others), ["2"]);

  const [none, all] = group.split(EvalError);
  assertStrictEquals(none, null);
  // As Python: the rest is rebuilt even when nothing matched.
  assertOk(all !== group);
  assertEquals(messages(all), messages(group));

  const [whole, empty] = group.split((e) => e instanceof Error);
  assertStrictEquals(whole, group);
  assertStrictEquals(empty, null);
});

Deno.test("ExceptionGroup.split: classes that do not extend Error, and thrown strings", () => {
  class Oops {}
  const group = new ExceptionGroup("g", [new Oops(), "text", new TypeError("t")]);
  const [oops, rest] = group.split(Oops);
  assertStrictEquals(oops?.exceptions.length, 1);
  assertOk(oops?.exceptions[0] instanceof Oops);
  assertEquals(rest?.exceptions.length, 2);
  const [strings] = group.split((e) => typeof e === "string");
  assertEquals(strings?.exceptions, ["text"]);
});

Deno.test("ExceptionGroup.split: a base group splits into base and ordinary parts", () => {
  const base = new BaseExceptionGroup("x", [new TypeError("t"), new CancelledError("c")]);
  const [cancelled, rest] = base.split(CancelledError);
  assertOk(cancelled instanceof BaseExceptionGroup && !(cancelled instanceof ExceptionGroup));
  assertOk(rest instanceof ExceptionGroup, "derive() picks ExceptionGroup for ordinary errors");
  assertEquals(messages(rest), ["t"]);
});

Deno.test("ExceptionGroup.derive: same message, other errors, ExceptionGroup when ordinary", () => {
  const group = new ExceptionGroup("failed", [new TypeError("a")]);
  const derived = group.derive([new RangeError("b")]);
  assertStrictEquals(derived.message, "failed");
  assertOk(derived instanceof ExceptionGroup);
  assertEquals(messages(derived), ["b"]);
  const base = group.derive([new CancelledError()]);
  assertOk(!(base instanceof ExceptionGroup));

  class Broken extends ExceptionGroup {
    override derive(): BaseExceptionGroup {
      return "nope" as never;
    }
  }
  assertThrows(
    () => new Broken("b", [new TypeError(), new RangeError()]).split(TypeError),
    (e: unknown) =>
      e instanceof TypeError && /derive\(\): must return a BaseExceptionGroup/.test(e.message),
  );
});
