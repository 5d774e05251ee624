import {
  assertEquals,
  assertOk,
  assertRejects,
  assertStrictEquals,
  assertThrows,
} from "./_assert.ts";
import {
  async_with,
  BaseExceptionGroup,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  type ExceptionContext,
  ExceptionGroup,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
  sleep,
  type Task,
  TaskGroup,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";

const VIRTUAL = { clock: "virtual" } as const;

const after = coroutine(async <T>(delay: number, value: T): Promise<T> => {
  await sleep(delay);
  return value;
});

const fail_after = coroutine(async (delay: number, message?: string): Promise<never> => {
  await sleep(delay);
  throw new RangeError(message ?? `failed after ${delay}`);
});

/** Awaits `aw` and returns what it threw (or fails when it did not throw). */
async function thrown(aw: PromiseLike<unknown>): Promise<unknown> {
  try {
    await aw;
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

function messages(group: unknown): unknown {
  assertOk(group instanceof BaseExceptionGroup, `expected a group, got ${group}`);
  return group.exceptions.map((e) =>
    e instanceof BaseExceptionGroup ? { [e.message]: messages(e) } : (e as Error).message
  );
}

Deno.test(
  "TaskGroup: waits for every task (async style)",
  asyncio_test(async () => {
    const loop = get_running_loop();
    let t1: Task<number> | null = null;
    let t2: Task<number> | null = null;
    // deno-lint-ignore require-await
    const result = await async_with(new TaskGroup(), async (tg) => {
      t1 = tg.create_task(after(1, 42));
      t2 = tg.create_task(after(2, 11));
      return "body";
    });
    assertStrictEquals(result, "body");
    assertStrictEquals(loop.time(), 2);
    assertStrictEquals(t1!.result(), 42);
    assertStrictEquals(t2!.result(), 11);
  }),
);

Deno.test(
  "TaskGroup: waits for every task (generator style)",
  asyncio_test(function* () {
    const loop = get_running_loop();
    const tasks: Task<string>[] = [];
    const result: string | undefined = yield* async_with(new TaskGroup(), function* (tg) {
      tasks.push(tg.create_task(after(1, "a")));
      yield* sleep(1.5);
      tasks.push(tg.create_task(after(2, "b"))); // created later, still waited for
      return "body";
    });
    assertStrictEquals(result, "body");
    assertStrictEquals(loop.time(), 3.5);
    assertEquals(tasks.map((t) => t.result()), ["a", "b"]);
  }),
);

Deno.test(
  "TaskGroup: a child cancelled by hand does not disturb the group",
  asyncio_test(async () => {
    let t1: Task<number> | null = null;
    let t2: Task<number> | null = null;
    await async_with(new TaskGroup(), async (tg) => {
      t1 = tg.create_task(after(10, 42));
      await sleep(1);
      t1.cancel();
      t2 = tg.create_task(after(2, 11));
    });
    assertOk(t1!.cancelled());
    assertStrictEquals(t2!.result(), 11);
    assertStrictEquals(get_running_loop().time(), 3);
  }),
);

Deno.test(
  "TaskGroup: the first failure cancels the other children and the body",
  asyncio_test(async () => {
    const log: string[] = [];
    const loop = get_running_loop();
    const patient = coroutine(async (name: string) => {
      try {
        await sleep(5);
        log.push(`${name} finished`);
      } catch (error) {
        log.push(`${name} ${(error as Error).name} at ${loop.time()}`);
        throw error;
      }
    });
    let t2: Task<void> | null = null;
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async (tg) => {
          tg.create_task(fail_after(1));
          tg.create_task(fail_after(1));
          t2 = tg.create_task(patient("t2"));
          try {
            await sleep(10);
          } catch (error) {
            log.push(`body ${(error as Error).name} at ${loop.time()}`);
            throw error;
          }
        });
        log.push("after the group"); // never reached
      })(),
    );
    const error = await thrown(runner);
    assertOk(error instanceof ExceptionGroup);
    assertStrictEquals(error.message, "unhandled errors in a TaskGroup");
    assertEquals(messages(error), ["failed after 1", "failed after 1"]);
    assertOk(t2!.cancelled());
    assertEquals(log, ["t2 CancelledError at 1", "body CancelledError at 1"]);
    assertStrictEquals(loop.time(), 1);
  }),
);

Deno.test(
  "TaskGroup: after a failure the parent's cancellation is withdrawn",
  asyncio_test(async () => {
    const task = current_task()!;
    const error = await thrown(
      async_with(new TaskGroup(), async (tg) => {
        tg.create_task(fail_after(1));
        await sleep(10);
      }),
    );
    assertOk(error instanceof ExceptionGroup);
    assertStrictEquals(task.cancelling(), 0);
    // The task is not cancelled any more: it can go on awaiting.
    assertStrictEquals(await sleep(1, "still running"), "still running");
    assertStrictEquals(get_running_loop().time(), 2);
  }),
);

Deno.test(
  "TaskGroup: cancelled from outside, the children are cancelled and CancelledError propagates",
  asyncio_test(async () => {
    let cancelled_children = 0;
    let body_cancelled = false;
    const child = coroutine(async () => {
      try {
        await sleep(5);
      } catch (error) {
        cancelled_children++;
        throw error;
      }
    });
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async (tg) => {
          for (let i = 0; i < 5; i++) tg.create_task(child());
          try {
            await sleep(10);
          } catch (error) {
            body_cancelled = true;
            throw error;
          }
        });
      })(),
    );
    await sleep(1);
    assertOk(!runner.done());
    runner.cancel();
    const error = await thrown(runner);
    assertOk(error instanceof CancelledError);
    assertOk(runner.cancelled());
    assertStrictEquals(cancelled_children, 5);
    assertOk(body_cancelled);
  }),
);

Deno.test(
  "TaskGroup: cancelled from outside while waiting in __aexit__",
  asyncio_test(function* () {
    let cancelled_children = 0;
    const child = coroutine(function* () {
      try {
        yield* sleep(5);
      } catch (error) {
        cancelled_children++;
        throw error;
      }
    });
    const runner = create_task(
      coroutine(function* () {
        yield* async_with(new TaskGroup(), function* (tg) {
          for (let i = 0; i < 3; i++) tg.create_task(child());
        });
      })(),
    );
    yield* sleep(1);
    runner.cancel();
    let error: unknown = null;
    try {
      yield* runner;
    } catch (caught) {
      error = caught;
    }
    assertOk(error instanceof CancelledError);
    assertStrictEquals(cancelled_children, 3);
  }),
);

Deno.test(
  "TaskGroup: errors raised by children while cancelled win over the cancellation",
  asyncio_test(async () => {
    const crash_on_cancel = coroutine(async () => {
      try {
        await sleep(10);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new RangeError("in finally");
      }
    });
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async (tg) => {
          for (let i = 0; i < 3; i++) tg.create_task(crash_on_cancel());
          await sleep(10);
        });
      })(),
    );
    await sleep(1);
    runner.cancel();
    const error = await thrown(runner);
    assertOk(error instanceof ExceptionGroup);
    assertEquals(messages(error), ["in finally", "in finally", "in finally"]);
    assertOk(!runner.cancelled());
  }),
);

Deno.test(
  "TaskGroup: an error in the body cancels the children and joins the group",
  asyncio_test(async () => {
    let t1: Task<number> | null = null;
    let t2: Task<number> | null = null;
    const error = await thrown(
      async_with(new TaskGroup(), async (tg) => {
        t1 = tg.create_task(after(1, 42));
        t2 = tg.create_task(after(2, 11));
        await sleep(0.5);
        throw new TypeError("body failed");
      }),
    );
    assertOk(error instanceof ExceptionGroup);
    assertEquals(messages(error), ["body failed"]);
    assertOk(t1!.cancelled() && t2!.cancelled());
    assertStrictEquals(current_task()!.cancelling(), 0);
  }),
);

Deno.test(
  "TaskGroup: an error thrown before the first await (generator body)",
  asyncio_test(function* () {
    let t1: Task<number> | null = null;
    let error: unknown = null;
    try {
      yield* async_with(new TaskGroup(), function* (tg) {
        t1 = tg.create_task(after(1, 42));
        throw "a thrown string";
      });
    } catch (caught) {
      error = caught;
    }
    assertOk(error instanceof ExceptionGroup);
    assertEquals(error.exceptions, ["a thrown string"]);
    assertOk(t1!.cancelled());
  }),
);

Deno.test(
  "TaskGroup: the group's errors come in the order the tasks failed, body last",
  asyncio_test(async () => {
    const error = await thrown(
      async_with(new TaskGroup(), async (tg) => {
        const late = coroutine(async () => {
          try {
            await sleep(10);
          } finally {
            // deno-lint-ignore no-unsafe-finally
            throw new RangeError("second");
          }
        });
        tg.create_task(late());
        tg.create_task(fail_after(1, "first"));
        try {
          await sleep(10);
        } finally {
          // deno-lint-ignore no-unsafe-finally
          throw new TypeError("body");
        }
      }),
    );
    assertEquals(messages(error), ["first", "second", "body"]);
  }),
);

Deno.test(
  "TaskGroup: nested groups (outer cancelled, inner children fail)",
  asyncio_test(async () => {
    const crash_on_cancel = coroutine(async () => {
      try {
        await sleep(10);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new RangeError("inner");
      }
    });
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async (g1) => {
          g1.create_task(sleep(10));
          await async_with(new TaskGroup(), async (g2) => {
            for (let i = 0; i < 2; i++) g2.create_task(crash_on_cancel());
            await sleep(10);
          });
        });
      })(),
    );
    await sleep(1);
    runner.cancel();
    const error = await thrown(runner);
    assertOk(error instanceof ExceptionGroup);
    assertEquals(messages(error), [{
      "unhandled errors in a TaskGroup": ["inner", "inner"],
    }]);
  }),
);

Deno.test(
  "TaskGroup: nested groups, the outer child fails first",
  asyncio_test(async () => {
    const error = await thrown(
      async_with(new TaskGroup(), async (g1) => {
        g1.create_task(fail_after(1, "outer"));
        // deno-lint-ignore require-await
        await async_with(new TaskGroup(), async (g2) => {
          g2.create_task(fail_after(10, "inner"));
        });
      }),
    );
    // The inner group was cancelled (its task too), so only the outer error remains.
    assertEquals(messages(error), ["outer"]);
  }),
);

Deno.test(
  "TaskGroup: nested groups, the inner child fails first",
  asyncio_test(async () => {
    const error = await thrown(
      async_with(new TaskGroup(), async (g1) => {
        g1.create_task(fail_after(10, "outer"));
        // deno-lint-ignore require-await
        await async_with(new TaskGroup(), async (g2) => {
          g2.create_task(fail_after(1, "inner"));
        });
      }),
    );
    assertEquals(messages(error), [{ "unhandled errors in a TaskGroup": ["inner"] }]);
  }),
);

Deno.test(
  "TaskGroup: a body that delays its cancellation still gets the child's error",
  asyncio_test(async () => {
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async (g1) => {
          g1.create_task(fail_after(3, "crash"));
          try {
            await sleep(10);
          } catch (error) {
            await sleep(5); // the child crashes meanwhile
            throw error;
          }
        });
      })(),
    );
    await sleep(1);
    runner.cancel();
    const error = await thrown(runner);
    assertOk(error instanceof ExceptionGroup);
    assertEquals(messages(error), ["crash"]);
  }),
);

Deno.test(
  "TaskGroup: the same when the cancelled task awaits a task running the group",
  asyncio_test(async () => {
    const nested_runner = coroutine(async () => {
      await async_with(new TaskGroup(), async (g1) => {
        g1.create_task(fail_after(3, "crash"));
        try {
          await sleep(10);
        } catch (error) {
          await sleep(5);
          throw error;
        }
      });
    });
    const runner = create_task(
      coroutine(async () => {
        await create_task(nested_runner());
      })(),
    );
    await sleep(1);
    runner.cancel();
    assertEquals(messages(await thrown(runner)), ["crash"]);
  }),
);

Deno.test(
  "TaskGroup: an empty group cancelled from outside raises CancelledError",
  asyncio_test(async () => {
    let seen = false;
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async () => {
          try {
            await sleep(10);
          } catch (error) {
            seen = true;
            throw error;
          }
        });
      })(),
    );
    await sleep(1);
    runner.cancel();
    assertOk(await thrown(runner) instanceof CancelledError);
    assertOk(seen);
  }),
);

Deno.test(
  "TaskGroup: a body that answers cancellation with another error raises a group",
  asyncio_test(async () => {
    class MyError extends Error {}
    const runner = create_task(
      coroutine(async () => {
        await async_with(new TaskGroup(), async () => {
          try {
            await sleep(10);
          } catch {
            throw new MyError("instead");
          }
        });
      })(),
    );
    await sleep(1);
    runner.cancel();
    const error = await thrown(runner);
    assertOk(error instanceof ExceptionGroup);
    assertOk(error.exceptions[0] instanceof MyError);
  }),
);

Deno.test(
  "TaskGroup: an error in a nested call's finally joins the child's error",
  asyncio_test(async () => {
    const nested = coroutine(async () => {
      try {
        await sleep(10);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new TypeError("from finally");
      }
    });
    const error = await thrown(
      async_with(new TaskGroup(), async (g) => {
        g.create_task(fail_after(1, "child"));
        await nested();
      }),
    );
    assertEquals(messages(error), ["child", "from finally"]);
  }),
);

Deno.test(
  "TaskGroup: a base error (a group with a CancelledError) makes a BaseExceptionGroup",
  asyncio_test(async () => {
    const error = await thrown(
      async_with(new TaskGroup(), async (g) => {
        g.create_task(fail_after(1, "child"));
        try {
          await sleep(10);
        } finally {
          // deno-lint-ignore no-unsafe-finally
          throw new BaseExceptionGroup("base", [new CancelledError("inside")]);
        }
      }),
    );
    assertOk(error instanceof BaseExceptionGroup && !(error instanceof ExceptionGroup));
    assertStrictEquals(error.exceptions.length, 2);
  }),
);

Deno.test(
  "TaskGroup: finished tasks leave the group as they finish",
  asyncio_test(async () => {
    await async_with(new TaskGroup(), async (g) => {
      for (let i = 0; i < 10; i++) {
        await sleep(1);
        g.create_task(sleep(2.5));
        if (i === 5) assertStrictEquals(String(g), "<TaskGroup tasks=3 entered>");
      }
      await sleep(3.5);
      assertStrictEquals(String(g), "<TaskGroup entered>");
    });
  }),
);

Deno.test(
  "TaskGroup: children may add tasks to the group",
  asyncio_test(async () => {
    const done: number[] = [];
    const leaf = coroutine(async (delay: number) => {
      await sleep(delay);
      done.push(delay);
    });
    const root = coroutine(async (g: TaskGroup) => {
      await sleep(1);
      g.create_task(leaf(1));
      g.create_task(leaf(2));
    });
    // deno-lint-ignore require-await
    await async_with(new TaskGroup(), async (g) => {
      g.create_task(root(g));
    });
    assertEquals(done, [1, 2]);
    assertStrictEquals(get_running_loop().time(), 3);
  }),
);

Deno.test(
  "TaskGroup: hydra (children keep adding tasks until one fails)",
  asyncio_test(async () => {
    let heads = 0;
    const hydra = coroutine(async (g: TaskGroup): Promise<void> => {
      heads++;
      await sleep(0.01);
      g.create_task(hydra(g));
      g.create_task(hydra(g));
    });
    const hercules = coroutine(async () => {
      while (heads < 10) await sleep(0.015);
      throw new RangeError("cut");
    });
    const error = await thrown(
      // deno-lint-ignore require-await
      async_with(new TaskGroup(), async (g) => {
        g.create_task(hydra(g));
        g.create_task(hercules());
      }),
    );
    assertEquals(messages(error), ["cut"]);
    assertOk(heads >= 10);
  }),
);

Deno.test(
  "TaskGroup: create_task names the task and passes the signal",
  asyncio_test(async () => {
    const controller = new AbortController();
    await async_with(new TaskGroup(), async (g) => {
      const named = g.create_task(sleep(0), { name: "yolo" });
      assertStrictEquals(named.get_name(), "yolo");
      const aborted = g.create_task(sleep(10), { signal: controller.signal });
      await sleep(1);
      controller.abort("not needed");
      await sleep(0);
      assertOk(aborted.cancelled(), "a child cancelled by its signal is not an error");
    });
    assertStrictEquals(get_running_loop().time(), 1);
  }),
);

Deno.test(
  "TaskGroup: no create_task once shutting down after a failure",
  asyncio_test(async () => {
    let refused: unknown = null;
    const bystander = coroutine(async (g: TaskGroup) => {
      try {
        await sleep(1);
      } catch (error) {
        const coro = fail_after(0);
        try {
          g.create_task(coro);
        } catch (caught) {
          refused = caught;
          coro.close(); // refused, so still ours (CPython 3.12 leaves it to the caller too)
        }
        throw error;
      }
    });
    const error = await thrown(
      // deno-lint-ignore require-await
      async_with(new TaskGroup(), async (g) => {
        g.create_task(fail_after(0.001, "first"));
        g.create_task(bystander(g));
      }),
    );
    assertEquals(messages(error), ["first"]);
    assertOk(refused instanceof RuntimeError);
    assertOk(/^TaskGroup <TaskGroup .*cancelling> is shutting down$/.test(refused.message));
  }),
);

Deno.test(
  "TaskGroup: entering twice, finished and not entered groups are RuntimeErrors",
  asyncio_test(async () => {
    const tg = new TaskGroup();
    const refused = sleep(0);
    assertThrows(
      () => tg.create_task(refused),
      (e: unknown) => e instanceof RuntimeError && /has not been entered$/.test(e.message),
    );
    refused.close();
    await async_with(tg, async () => {
      await assertRejects(
        async () => await async_with(tg, async () => {}),
        (e: unknown) => e instanceof RuntimeError && /has already been entered$/.test(e.message),
      );
    });
    await assertRejects(
      async () => await async_with(tg, async () => {}),
      (e: unknown) => e instanceof RuntimeError && /has already been entered$/.test(e.message),
    );
    const coro = sleep(0, "unused");
    assertThrows(
      () => tg.create_task(coro),
      (e: unknown) =>
        e instanceof RuntimeError && e.message === "TaskGroup <TaskGroup entered> is finished",
    );
    assertStrictEquals(await coro, "unused", "the coroutine was not started");
  }),
);

Deno.test("TaskGroup: __aenter__ outside a task cannot find the parent task", async () => {
  const loop = new_event_loop(VIRTUAL);
  try {
    const tg = new TaskGroup();
    await assertRejects(
      () => loop.run_until_complete(tg.__aenter__()),
      (e: unknown) =>
        e instanceof RuntimeError && /cannot determine the parent task$/.test(e.message),
    );
    assertThrows(() => tg.create_task(sleep(0)), /has not been entered/);
  } finally {
    loop.close();
  }
});

Deno.test(
  "TaskGroup: bad arguments to create_task are TypeErrors naming them",
  asyncio_test(async () => {
    await async_with(new TaskGroup(), async (g) => {
      assertThrows(
        () => g.create_task(Promise.resolve(1) as never),
        (e: unknown) =>
          e instanceof TypeError &&
          /^TaskGroup.create_task\(\): coro must be a coroutine/.test(e.message),
      );
      const coro = sleep(0);
      assertThrows(
        () => g.create_task(coro, "name" as never),
        (e: unknown) => e instanceof TypeError && /options must be an object/.test(e.message),
      );
      assertThrows(
        () => g.create_task(coro, { signal: {} as AbortSignal }),
        (e: unknown) =>
          e instanceof TypeError && /options.signal must be an AbortSignal/.test(e.message),
      );
      assertStrictEquals(String(g), "<TaskGroup entered>", "no task was added");
      await coro;
    });
  }),
);

Deno.test(
  "TaskGroup: toString follows Python's repr",
  asyncio_test(async () => {
    const tg = new TaskGroup();
    assertStrictEquals(String(tg), "<TaskGroup>");
    await thrown(
      async_with(tg, async (g) => {
        g.create_task(sleep(5));
        assertStrictEquals(String(g), "<TaskGroup tasks=1 entered>");
        g.create_task(fail_after(1));
        await sleep(2);
      }),
    );
    assertStrictEquals(String(tg), "<TaskGroup cancelling>");
  }),
);

Deno.test(
  "TaskGroup: an outside cancellation and a failure together keep the outside request",
  asyncio_test(async () => {
    let cancelling_after = -1;
    const runner = create_task(
      coroutine(async () => {
        const task = current_task()!;
        try {
          await async_with(new TaskGroup(), async (g) => {
            const child = g.create_task(fail_after(1, "child"));
            // Runs right after the group saw the failure and cancelled the
            // task: cancel it once more, from outside.
            child.add_done_callback(() => task.cancel());
            g.create_task(sleep(10));
            await sleep(10);
          });
        } finally {
          cancelling_after = task.cancelling();
        }
      })(),
    );
    const error = await thrown(runner);
    assertOk(error instanceof ExceptionGroup, "errors take priority over the cancellation");
    assertStrictEquals(cancelling_after, 1, "only the group's own request was withdrawn");
  }),
);

Deno.test(
  "TaskGroup: a child failing after its parent finished goes to the exception handler",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const contexts: ExceptionContext[] = [];
    loop.set_exception_handler((_loop, context) => contexts.push(context));
    const tg = new TaskGroup();
    let child: Task<never> | null = null;
    // Enter without leaving: the parent task ends while its child runs.
    await create_task(
      coroutine(async () => {
        await tg.__aenter__();
        child = tg.create_task(fail_after(1, "orphan"));
      })(),
    );
    await sleep(2);
    assertOk(child!.done());
    assertStrictEquals(contexts.length, 1);
    assertOk(
      /has errored out but its parent task .* is already completed$/.test(contexts[0].message),
    );
    assertStrictEquals((contexts[0].exception as Error).message, "orphan");
    assertStrictEquals(contexts[0].task, child);
  }),
);

Deno.test("TaskGroup: the block's result comes back from async_with", async () => {
  const value = await run(
    coroutine(async () =>
      await async_with(new TaskGroup(), async (g) => {
        const a = g.create_task(after(1, 2));
        const b = g.create_task(after(2, 3));
        return (await a) * (await b);
      })
    )(),
    VIRTUAL,
  );
  assertStrictEquals(value, 6);
});
