// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  CancelledError,
  ContextVar,
  coroutine,
  create_task,
  current_task,
  type ExceptionContext,
  get_event_loop,
  get_running_loop,
  run,
  Runner,
  RuntimeError,
  set_event_loop,
  sleep,
  ValueError,
} from "../mod.ts";
import type { EventLoop, Task } from "../mod.ts";
import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  unhandled_rejections,
} from "./_assert.ts";

const V = { clock: "virtual" } as const;

Deno.test("run: returns the coroutine's value", async () => {
  const main = coroutine(async (n: number) => {
    await sleep(1);
    return n * 2;
  });
  const value: number = await run(main(21), V);
  assertStrictEquals(value, 42);
});

Deno.test("run: accepts generator coroutines and plain generator objects", async () => {
  const gen = coroutine(function* () {
    yield* sleep(1);
    return "gen";
  });
  assertStrictEquals(await run(gen(), V), "gen");
  function* raw(): Generator<unknown, string, unknown> {
    yield sleep(1);
    return "raw";
  }
  assertStrictEquals(await run(raw(), V), "raw");
});

Deno.test("run: rejects with the coroutine's error", async () => {
  class Boom extends Error {}
  await assertRejects(
    run(
      coroutine(async () => {
        await sleep(1);
        throw new Boom("boom");
      })(),
      V,
    ),
    (e: unknown) => e instanceof Boom && e.message === "boom",
  );
});

Deno.test("run: the main task's cancellation rejects with CancelledError", async () => {
  await assertRejects(
    run(
      coroutine(async () => {
        current_task()!.cancel("self");
        await sleep(1);
      })(),
      V,
    ),
    CancelledError,
  );
});

Deno.test("run: cancels leftover tasks, waits for them, then closes the loop", async () => {
  const log: string[] = [];
  let loop: EventLoop | null = null;
  let leftover: Task<unknown> | null = null;
  const result = await run(
    coroutine(async () => {
      loop = get_running_loop();
      leftover = create_task(
        coroutine(async () => {
          try {
            await sleep(100);
          } catch (e) {
            log.push(`leftover cancelled: ${e instanceof CancelledError}`);
            await sleep(1); // cleanup still gets to run before the loop closes
            log.push(`cleanup done at ${get_running_loop().time()}`);
            throw e;
          }
        })(),
      );
      await sleep(1);
      log.push("main done");
      return "result";
    })(),
    V,
  );
  assertStrictEquals(result, "result");
  assertEquals(log, ["main done", "leftover cancelled: true", "cleanup done at 2"]);
  assertOk(loop !== null && leftover !== null);
  assertStrictEquals((leftover as Task<unknown>).cancelled(), true);
  assertStrictEquals((loop as EventLoop).is_closed(), true);
  assertStrictEquals((loop as EventLoop).is_running(), false);
});

Deno.test("run: the loop is closed even when main fails", async () => {
  let loop: EventLoop | null = null;
  await assertRejects(run(
    coroutine(async () => {
      loop = get_running_loop();
      create_task(sleep(100));
      throw new Error("fail");
    })(),
    V,
  ));
  assertStrictEquals((loop as EventLoop | null)?.is_closed(), true);
});

Deno.test("run: a leftover task failing during shutdown goes to the exception handler", async () => {
  const contexts: ExceptionContext[] = [];
  await run(
    coroutine(async () => {
      get_running_loop().set_exception_handler((_l, c) => contexts.push(c));
      create_task(
        coroutine(async () => {
          try {
            await sleep(100);
          } catch {
            throw new TypeError("failed while cancelled");
          }
        })(),
      );
      await sleep(0);
    })(),
    V,
  );
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals(contexts[0].message, "unhandled exception during asyncio.run() shutdown");
  assertOk(contexts[0].exception instanceof TypeError);
  assertOk(contexts[0].task !== undefined);
});

Deno.test("run: options reach the loop (debug, clock)", async () => {
  const seen = await run(
    coroutine(async () => {
      const loop = get_running_loop();
      return [loop.get_debug(), loop.clock];
    })(),
    { debug: true, clock: "virtual" },
  );
  assertEquals(seen, [true, "virtual"]);
  const real = await run(coroutine(async () => get_running_loop().clock)());
  assertStrictEquals(real, "real");
});

Deno.test("run: inside a running loop → RuntimeError", async () => {
  const message = await run(
    coroutine(async () => {
      const inner = sleep(0);
      try {
        await run(inner);
        return "no error";
      } catch (e) {
        return e instanceof RuntimeError ? e.message : `wrong: ${e}`;
      }
    })(),
    V,
  );
  assertStrictEquals(message, "asyncio.run() cannot be called from a running event loop");
});

Deno.test("run: a non-coroutine → ValueError naming what was given", async () => {
  await assertRejects(
    run(42 as unknown as Generator<unknown, number>),
    (e: unknown) =>
      e instanceof ValueError && e instanceof RangeError &&
      e.message === "a coroutine was expected, got 42",
  );
  await assertRejects(
    run(Promise.resolve(1) as unknown as Generator<unknown, number>),
    ValueError,
  );
});

Deno.test("Runner: runs several coroutines on one loop; close is idempotent", async () => {
  const runner = new Runner(V);
  const loop = runner.get_loop();
  assertStrictEquals(runner.get_loop(), loop);
  assertStrictEquals(get_event_loop(), loop, "the runner's loop is the current loop");
  const first = await runner.run(
    coroutine(async () => {
      await sleep(1);
      return { loop: get_running_loop() };
    })(),
  );
  assertStrictEquals(first.loop, loop);
  const second = await runner.run(sleep(2, "second"));
  assertStrictEquals(second, "second");
  assertStrictEquals(loop.time(), 3, "the same loop, time carried over");
  await runner.close();
  assertStrictEquals(loop.is_closed(), true);
  await runner.close(); // idempotent
  await assertRejects(
    runner.run(sleep(0)),
    (e: unknown) => e instanceof RuntimeError && e.message === "Runner is closed",
  );
  let threw = false;
  try {
    runner.get_loop();
  } catch (e) {
    threw = e instanceof RuntimeError;
  }
  assertOk(threw, "get_loop() on a closed runner throws RuntimeError");
  set_event_loop(null);
});

Deno.test("Runner: close() before any run does nothing; a fresh runner can still run", async () => {
  const runner = new Runner(V);
  await runner.close();
  await runner.close();
  const other = new Runner(V);
  try {
    assertStrictEquals(await other.run(sleep(1, "ok")), "ok");
  } finally {
    await other.close();
  }
});

Deno.test("Runner: close() cancels the tasks left by run()", async () => {
  const runner = new Runner(V);
  let leftover: Task<unknown> | null = null;
  await runner.run(
    coroutine(async () => {
      leftover = create_task(sleep(100));
      await sleep(0);
    })(),
  );
  assertStrictEquals(
    (leftover as Task<unknown> | null)?.done(),
    false,
    "still pending between runs",
  );
  await runner.close();
  assertStrictEquals((leftover as Task<unknown> | null)?.cancelled(), true);
});

Deno.test("Runner.run: inside a running loop → RuntimeError", async () => {
  const runner = new Runner(V);
  try {
    const message = await run(
      coroutine(async () => {
        try {
          await runner.run(sleep(0));
          return "no error";
        } catch (e) {
          return e instanceof RuntimeError ? e.message : `wrong: ${e}`;
        }
      })(),
      V,
    );
    assertStrictEquals(message, "Runner.run() cannot be called from a running event loop");
  } finally {
    await runner.close();
  }
});

Deno.test("Runner.run: a non-coroutine → ValueError", async () => {
  const runner = new Runner(V);
  try {
    await assertRejects(runner.run("x" as unknown as Generator<unknown, string>), ValueError);
  } finally {
    await runner.close();
  }
});

Deno.test("Runner: await using closes it", async () => {
  let loop: EventLoop | null = null;
  {
    await using runner = new Runner(V);
    loop = runner.get_loop();
    assertStrictEquals(await runner.run(sleep(1, 5)), 5);
  }
  assertStrictEquals((loop as EventLoop).is_closed(), true);
});

Deno.test("Runner: __aenter__/__aexit__ close it", async () => {
  const runner = new Runner(V);
  const entered = await runner.__aenter__();
  assertStrictEquals(entered, runner);
  const loop = runner.get_loop();
  assertStrictEquals(await runner.__aexit__(undefined), false);
  assertStrictEquals(loop.is_closed(), true);
});

// --- Ctrl-C -----------------------------------------------------------------

/**
 * Runs `source` (a module importing "MOD") in a child Deno, sends it SIGINT
 * each time it prints a line in `signal_on`, and gives its output lines and
 * exit code.
 */
async function with_ctrl_c(
  source: string,
  signal_on: string[],
): Promise<{ lines: string[]; code: number }> {
  const path = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      path,
      source.replace("MOD", new URL("../mod.ts", import.meta.url).href),
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "--allow-run", path],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const lines: string[] = [];
    let pending = "";
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      pending += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        lines.push(line);
        if (signal_on.includes(line)) child.kill("SIGINT");
      }
    }
    const { code } = await child.status;
    return { lines, code };
  } finally {
    await Deno.remove(path);
  }
}

Deno.test("run: a second Ctrl-C ends the process, as without a runner", async () => {
  const { lines, code } = await with_ctrl_c(
    `import { CancelledError, coroutine, run, sleep } from "MOD";
    await run(coroutine(async () => {
      console.log("ready");
      for (;;) {
        try {
          await sleep(10);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          console.log("cancelled, going on");
        }
      }
    })());`,
    ["ready", "cancelled, going on"],
  );
  assertEquals(lines, ["ready", "cancelled, going on"]);
  assertStrictEquals(code, 130); // killed by SIGINT
});

Deno.test("run: Ctrl-C after run() has returned is the runtime's again", async () => {
  const { lines, code } = await with_ctrl_c(
    `import { run, sleep } from "MOD";
    console.log(await run(sleep(0, "ran")));
    console.log("ready");
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    console.log("not interrupted");`,
    ["ready"],
  );
  assertEquals(lines, ["ran", "ready"]);
  assertStrictEquals(code, 130);
});

Deno.test("run() and create_task() refusing a Promise: their error, not the Promise's", async () => {
  const errors: unknown[] = [];
  const unhandled = await unhandled_rejections(async () => {
    const failing = (async () => {
      await null;
      throw new Error("the promise's own");
    })();
    await run(failing as never).catch((error) => errors.push(error));
    await run(
      coroutine(async () => {
        try {
          create_task((async () => {
            await sleep(0);
            throw new Error("the promise's own");
          })() as never);
        } catch (error) {
          errors.push(error);
        }
        await sleep(0);
      })(),
      { clock: "virtual" },
    );
  });
  assertEquals(unhandled, []);
  assertOk(errors[0] instanceof ValueError, String(errors[0]));
  assertOk(errors[1] instanceof TypeError, String(errors[1]));
});

Deno.test("Runner: the runs' shared Context is made when a main task first needs it, and kept", async () => {
  // A main task given a Context has a field more, and V8 then gives every
  // task of the program room for it: an empty one is made only when asked.
  const v = new ContextVar<string>("runner_shared", { default: "unset" });
  const has_own_context = coroutine(async () => Object.hasOwn(current_task()!, "_context"));
  const set_v = coroutine(async () => {
    v.set("set");
    return current_task()!.get_context();
  });
  const get_v = coroutine(async () => [v.get(), current_task()!.get_context()] as const);
  await using runner = new Runner(V);
  assertStrictEquals(await runner.run(has_own_context()), false);
  const context = await runner.run(set_v());
  const [value, later] = await runner.run(get_v());
  assertStrictEquals(value, "set");
  assertStrictEquals(later, context);
  assertStrictEquals(v.get(), "unset");
});
