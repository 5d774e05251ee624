import {
  BlockingIOError,
  BrokenBarrierError,
  BrokenPipeError,
  CancelledError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  ExceptionGroup,
  FileExistsError,
  FileNotFoundError,
  IncompleteReadError,
  InterruptedError,
  InvalidStateError,
  IsADirectoryError,
  LimitOverrunError,
  NotADirectoryError,
  OSError,
  PermissionError,
  ProcessLookupError,
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
  [TimeoutError, "TimeoutError", OSError],
  [InvalidStateError, "InvalidStateError", Error],
  [RuntimeError, "RuntimeError", Error],
  [ValueError, "ValueError", RangeError],
  [QueueEmpty, "QueueEmpty", Error],
  [QueueFull, "QueueFull", Error],
  [QueueShutDown, "QueueShutDown", Error],
  [BrokenBarrierError, "BrokenBarrierError", RuntimeError],
  [SendfileNotAvailableError, "SendfileNotAvailableError", RuntimeError],
  [OSError, "OSError", Error],
  [ConnectionError, "ConnectionError", OSError],
  [ConnectionResetError, "ConnectionResetError", ConnectionError],
  [ConnectionRefusedError, "ConnectionRefusedError", ConnectionError],
  [ConnectionAbortedError, "ConnectionAbortedError", ConnectionError],
  [BrokenPipeError, "BrokenPipeError", ConnectionError],
  [BlockingIOError, "BlockingIOError", OSError],
  [FileExistsError, "FileExistsError", OSError],
  [FileNotFoundError, "FileNotFoundError", OSError],
  [InterruptedError, "InterruptedError", OSError],
  [IsADirectoryError, "IsADirectoryError", OSError],
  [NotADirectoryError, "NotADirectoryError", OSError],
  [PermissionError, "PermissionError", OSError],
  [ProcessLookupError, "ProcessLookupError", OSError],
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

Deno.test("OSError: Python's (errno, strerror, filename) form and its message", () => {
  const cause = new Error("the host's error");
  const error = new FileNotFoundError(2, "No such file or directory", "/nowhere", { cause });
  assertStrictEquals(error.errno, 2);
  assertStrictEquals(error.strerror, "No such file or directory");
  assertStrictEquals(error.filename, "/nowhere");
  assertStrictEquals(error.cause, cause);
  assertStrictEquals(
    String(error),
    "FileNotFoundError: [Errno 2] No such file or directory: '/nowhere'",
  );
  const no_file = new ConnectionResetError(104, "Connection reset by peer");
  assertStrictEquals(no_file.message, "[Errno 104] Connection reset by peer");
  assertStrictEquals(no_file.filename, null);
  const plain = new ConnectionResetError("Connection lost");
  assertEquals([plain.errno, plain.strerror, plain.filename], [null, null, null]);
});

Deno.test("TimeoutError is the OSError of Python 3.11+, where asyncio.TimeoutError is TimeoutError", () => {
  const error = new TimeoutError("", { cause: new CancelledError() });
  assertOk(error instanceof OSError);
  assertOk(!(error instanceof ConnectionError));
  assertStrictEquals(error.errno, null);
  assertStrictEquals(new TimeoutError(110, "Connection timed out").errno, 110);
});

Deno.test("OS errors are error classes that ExceptionGroup.split() takes", () => {
  const group = new ExceptionGroup("errors", [
    new ConnectionResetError(),
    new BrokenPipeError(),
    new FileNotFoundError(),
  ]);
  const [connection, rest] = group.split(ConnectionError);
  assertStrictEquals(connection?.exceptions.length, 2);
  assertOk(rest?.exceptions[0] instanceof FileNotFoundError);
});
