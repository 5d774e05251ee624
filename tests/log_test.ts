import { get_logger, type Logger, new_event_loop, set_logger } from "../mod.ts";
import { assertEquals, assertStrictEquals } from "./_assert.ts";

type Call = [string, unknown[]];

/** Replaces console.error/warn/debug while `fn` runs; returns the calls. */
function capture_console(fn: () => void): Call[] {
  const calls: Call[] = [];
  const saved = { error: console.error, warn: console.warn, debug: console.debug };
  console.error = (...args: unknown[]) => calls.push(["error", args]);
  console.warn = (...args: unknown[]) => calls.push(["warn", args]);
  console.debug = (...args: unknown[]) => calls.push(["debug", args]);
  try {
    fn();
  } finally {
    Object.assign(console, saved);
  }
  return calls;
}

Deno.test("get_logger: the console logger by default", () => {
  const logger = get_logger();
  const error = new Error("e");
  const calls = capture_console(() => {
    logger.error("an error");
    logger.error("with error", error);
    logger.warning("a warning");
    logger.warning("warning with error", error);
    logger.debug("a debug line");
  });
  assertEquals(calls, [
    ["error", ["an error"]],
    ["error", ["with error", error]],
    ["warn", ["a warning"]],
    ["warn", ["warning with error", error]],
    ["error", ["a debug line"]],
  ]);
});

Deno.test("set_logger: replaces the logger and returns the previous one", () => {
  const original = get_logger();
  const lines: string[] = [];
  const mine: Logger = {
    error: (m) => lines.push(`E ${m}`),
    warning: (m) => lines.push(`W ${m}`),
    debug: (m) => lines.push(`D ${m}`),
  };
  const previous = set_logger(mine);
  try {
    assertStrictEquals(previous, original);
    assertStrictEquals(get_logger(), mine);
    get_logger().error("x");
    get_logger().warning("y");
    get_logger().debug("z");
    assertEquals(lines, ["E x", "W y", "D z"]);
  } finally {
    assertStrictEquals(set_logger(previous), mine);
  }
  assertStrictEquals(get_logger(), original);
});

Deno.test("set_logger(null): restores the console logger", () => {
  const original = get_logger();
  const mine: Logger = { error() {}, warning() {}, debug() {} };
  set_logger(mine);
  const replaced = set_logger(null);
  try {
    assertStrictEquals(replaced, mine);
    const calls = capture_console(() => get_logger().error("back on the console"));
    assertEquals(calls, [["error", ["back on the console"]]]);
  } finally {
    set_logger(original);
  }
});

Deno.test("the loop reports through the logger in use at report time", async () => {
  const lines: [string, string, unknown][] = [];
  const previous = set_logger({
    error: (m, e) => lines.push(["error", m, e]),
    warning: (m, e) => lines.push(["warning", m, e]),
    debug: (m) => lines.push(["debug", m, undefined]),
  });
  const loop = new_event_loop({ clock: "virtual" });
  const failure = new Error("cb failed");
  try {
    loop.call_soon(function failing() {
      throw failure;
    });
    loop.stop();
    await loop.run_forever();
  } finally {
    loop.close();
    set_logger(previous);
  }
  assertStrictEquals(lines.length, 1);
  assertStrictEquals(lines[0][0], "error");
  assertStrictEquals(lines[0][1].split("\n")[0], "Exception in callback failing()");
  assertStrictEquals(lines[0][2], failure);
});

Deno.test("the default logger prints loop reports to the console", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const failure = new Error("printed");
  loop.call_soon(function failing() {
    throw failure;
  });
  let calls: Call[] = [];
  const saved = console.error;
  console.error = (...args: unknown[]) => calls.push(["error", args]);
  try {
    loop.stop();
    await loop.run_forever();
  } finally {
    console.error = saved;
    loop.close();
  }
  calls = calls.filter(([level]) => level === "error");
  assertStrictEquals(calls.length, 1);
  assertStrictEquals((calls[0][1][0] as string).split("\n")[0], "Exception in callback failing()");
  assertStrictEquals(calls[0][1][1], failure);
});
