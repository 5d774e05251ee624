/**
 * Runs each example of the foundation (generators, coroutines, the event
 * loop, chaining, debugging) as a user would, with `deno run` and no permissions, and
 * checks its whole output. `--virtual` puts the examples on the virtual
 * clock, so their seconds of sleeping take no real time.
 */

import { assertEquals } from "./_assert.ts";

async function run_example(
  name: string,
  args: string[] = ["--virtual"],
  deno_flags: string[] = [],
): Promise<string> {
  const path = new URL(`../examples/${name}`, import.meta.url).pathname;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...deno_flags, path, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.success, true, `examples/${name} failed:\n${stderr}`);
  assertEquals(stderr, "", `examples/${name} wrote to stderr`);
  return new TextDecoder().decode(output.stdout);
}

function lines(...text: string[]): string {
  return text.map((line) => `${line}\n`).join("");
}

Deno.test("examples/generators.ts: a generator by hand, then driven by the loop", async () => {
  assertEquals(
    await run_example("generators.ts"),
    lines(
      "Part 1: a generator driven by hand",
      "first next(): 0",
      "  running_total received 10",
      "next(10): 10",
      "  running_total received 5",
      "next(5): 15",
      "  running_total caught enough",
      "  running_total cleans up",
      "throw(): stopped at 15 done: true",
      "  running_total cleans up",
      "return(): closed early",
      "Part 2: the event loop drives the generator",
      "add_slowly(1, 2) = 3 after 2 seconds",
      "answer 42",
      "failed with RangeError",
      "sleeper got CancelledError at its yield",
      "sleeper cancelled: true true",
    ),
  );
});

Deno.test("examples/coroutines.ts: lazy coroutines in both styles, inline and as tasks", async () => {
  assertEquals(
    await run_example("coroutines.ts"),
    lines(
      "greet is a coroutine function: true",
      "greet('Ada') made <Coroutine greet> - a coroutine: true",
      "  greet(Ada) starts in Task-1",
      "run(coro) -> Hello, Ada",
      "running it again: RuntimeError: cannot reuse already awaited coroutine 'greet'",
      "main runs in Task-3; awaiting shout('Bob') runs it inline:",
      "  shout(Bob) starts in Task-3",
      "  greet(Bob) starts in Task-3",
      "  -> HELLO, BOB!",
      "awaiting two coroutines one after the other:",
      "  greet(C) starts in Task-3",
      "  greet(D) starts in Task-3",
      "  took 2 s",
      "scheduling them as tasks runs them concurrently:",
      "  greet(E) starts in Task-4",
      "  greet(F) starts in Task-5",
      "  -> Hello, E / Hello, F",
      "  took 1 s",
    ),
  );
});

Deno.test("examples/event_loop.ts: run_until_complete, close, run_forever, stop, call_soon, call_later", async () => {
  assertEquals(
    await run_example("event_loop.ts"),
    lines(
      "== run_until_complete, close",
      "compute(1, 2) = 3",
      "closed: true",
      "running a closed loop: RuntimeError: Event loop is closed",
      "== run_forever, stop from a coroutine",
      "worker: working",
      "worker: done, stopping the loop",
      "run_forever returned; running: false",
      "== call_soon",
      "Hello World",
      "== call_later",
      "tick 0 at 0 s",
      "tick 1 at 1 s",
      "tick 2 at 2 s",
      "tick 3 at 3 s",
    ),
  );
});

Deno.test("examples/chaining.ts: ensure_future chains hello and world into 'Hello world!' after 2 s", async () => {
  assertEquals(
    await run_example("chaining.ts"),
    lines(
      "hello: started",
      "world: waiting for hello",
      "hello: done",
      'world: got "Hello"',
      'done callback saw "Hello world!"',
      "Hello world!",
      "after 2 seconds",
    ),
  );
});

Deno.test("examples/debugging.ts: the four reports of debug mode, each saying where", async () => {
  const path = new URL("../examples/debugging.ts", import.meta.url).href;
  const output = await run_example("debugging.ts", [], ["--v8-flags=--expose-gc"]);
  // Stable parts only: this machine's path to the example, and how long the slow step took.
  const stable = output.replaceAll(path, "debugging.ts").replace(
    /took \d+\.\d{3} seconds/,
    "took N seconds",
  );
  // Where a call in the example's code (not its comments) is, as a stack shows it.
  const source = (await Deno.readTextFile(new URL(path))).split("\n");
  const at = (call: string) => {
    const line = source.findIndex((text) => text.includes(call) && !/^\s*(\*|\/\/)/.test(text));
    return `debugging.ts:${line + 1}:${source[line].indexOf(call) + 1}`;
  };
  assertEquals(
    stable,
    lines(
      "debug mode: true",
      "",
      "1. a slow step",
      `WARNING: Executing <Task pending name='Task-2' coro=<Coroutine blocking> created at ${
        at("create_task(blocking())")
      }> took N seconds`,
      "",
      "2. an error never retrieved",
      "ERROR: Task exception was never retrieved",
      `future: <Task finished name='Task-3' coro=<Coroutine bug> exception=Error('not consumed') created at ${
        at("ensure_future(bug())")
      }>`,
      "Object created at (most recent call last):",
      `  at main (${at("ensure_future(bug())")})`,
      "Error: not consumed",
      "",
      "3. a coroutine never awaited",
      "WARNING: coroutine 'forgotten' was never awaited",
      "Coroutine created at (most recent call last):",
      `  at main (${at("forgotten();")})`,
      "",
      "4. a call from outside the loop",
      "RuntimeError: Non-thread-safe operation invoked on an event loop other than the current one: " +
        "call_soon() was called from JavaScript the loop did not start; use call_soon_threadsafe()",
      "scheduled with call_soon_threadsafe",
    ),
  );
});

Deno.test("examples/tcp_echo.ts: asyncio's echo server and client, as Python prints them", async () => {
  assertEquals(
    await run_example("tcp_echo.ts", [], ["--allow-net"]),
    lines(
      "Send: 'Hello World!'",
      "Received 'Hello World!'",
      "Send: 'Hello World!'",
      "Close the connection",
      "Received: 'Hello World!'",
      "Close the connection",
    ),
  );
});
