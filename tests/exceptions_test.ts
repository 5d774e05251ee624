import {
  BrokenBarrierError,
  CancelledError,
  IncompleteReadError,
  InvalidStateError,
  LimitOverrunError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  RuntimeError,
  SendfileNotAvailableError,
  TimeoutError,
  ValueError,
} from "../mod.ts";
import { assertEquals, assertOk, assertStrictEquals } from "./_assert.ts";

type Simple = new (message?: string, options?: ErrorOptions) => Error;

const SIMPLE: [Simple, string, Simple][] = [
  [CancelledError, "CancelledError", Error],
  [TimeoutError, "TimeoutError", Error],
  [InvalidStateError, "InvalidStateError", Error],
  [RuntimeError, "RuntimeError", Error],
  [ValueError, "ValueError", RangeError],
  [QueueEmpty, "QueueEmpty", Error],
  [QueueFull, "QueueFull", Error],
  [QueueShutDown, "QueueShutDown", Error],
  [BrokenBarrierError, "BrokenBarrierError", RuntimeError],
  [SendfileNotAvailableError, "SendfileNotAvailableError", RuntimeError],
];

for (const [Class, name, Base] of SIMPLE) {
  Deno.test(`${name}: name, message, base class, cause`, () => {
    const plain = new Class();
    assertStrictEquals(plain.name, name);
    assertStrictEquals(plain.message, "");
    assertOk(plain instanceof Error);
    assertOk(plain instanceof Base, `${name} extends ${Base.name}`);
    assertOk(typeof plain.stack === "string");
    const cause = new Error("root");
    const err = new Class("what happened", { cause });
    assertStrictEquals(err.message, "what happened");
    assertStrictEquals(err.cause, cause);
    assertStrictEquals(String(err), `${name}: what happened`);
    assertStrictEquals(Object.prototype.toString.call(err), "[object Error]");
  });
}

Deno.test("the error classes are distinct: catching one does not catch the others", () => {
  const classes = SIMPLE.map(([c]) => c);
  for (const A of classes) {
    for (const B of classes) {
      const expected = A === B || A.prototype instanceof B;
      assertStrictEquals(new A() instanceof B, expected, `${A.name} instanceof ${B.name}`);
    }
  }
});

Deno.test("ValueError is a RangeError, as the project's errors rule says", () => {
  const e = new ValueError("bad value");
  assertOk(e instanceof RangeError);
  assertStrictEquals(e.name, "ValueError");
});

Deno.test("BrokenBarrierError and SendfileNotAvailableError are RuntimeErrors, as CPython", () => {
  assertOk(new BrokenBarrierError() instanceof RuntimeError);
  assertOk(new SendfileNotAvailableError() instanceof RuntimeError);
});

Deno.test("CancelledError: the message is the cancel message", () => {
  assertStrictEquals(new CancelledError("stop").message, "stop");
  assertStrictEquals(new CancelledError(undefined).message, "");
});

Deno.test("IncompleteReadError: partial bytes, expected count, CPython's message", () => {
  const partial = new Uint8Array([1, 2]);
  const e = new IncompleteReadError(partial, 5);
  assertStrictEquals(e.name, "IncompleteReadError");
  assertOk(e instanceof Error);
  assertStrictEquals(e.partial, partial);
  assertStrictEquals(e.expected, 5);
  assertStrictEquals(e.message, "2 bytes read on a total of 5 expected bytes");
  const open = new IncompleteReadError(new Uint8Array(0), null);
  assertStrictEquals(open.expected, null);
  assertStrictEquals(open.message, "0 bytes read on a total of undefined expected bytes");
});

Deno.test("LimitOverrunError: message and consumed", () => {
  const e = new LimitOverrunError("Separator is not found, and chunk exceed the limit", 12);
  assertStrictEquals(e.name, "LimitOverrunError");
  assertOk(e instanceof Error);
  assertStrictEquals(e.consumed, 12);
  assertEquals(e.message, "Separator is not found, and chunk exceed the limit");
});

Deno.test("subclasses keep working: a user subclass of CancelledError", () => {
  class MyCancel extends CancelledError {}
  const e = new MyCancel("mine");
  assertOk(e instanceof CancelledError);
  assertStrictEquals(e.message, "mine");
  assertStrictEquals(e.name, "CancelledError");
});
