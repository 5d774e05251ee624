/**
 * The AbortSignal bridges of Task (lib/tasks.ts): `create_task(coro, { signal })`
 * cancels the task when the signal aborts, and `task.signal` aborts when the
 * task is asked to cancel, so `fetch` and other Web APIs stop with the task.
 */

import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";
import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  current_task,
  ensure_future,
  ExceptionGroup,
  get_running_loop,
  run,
  sleep,
  type Task,
  TaskGroup,
} from "../mod.ts";

const VIRTUAL = { clock: "virtual" } as const;

/** Awaits `aw` and returns what it threw (or fails when it did not throw). */
async function thrown(aw: PromiseLike<unknown>): Promise<unknown> {
  try {
    await aw;
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

// --- create_task(coro, { signal }) -------------------------------------------------

Deno.test("create_task signal: aborting it cancels the task, a string reason is the message", async () => {
  await run(
    coroutine(async () => {
      const controller = new AbortController();
      let seen: unknown = null;
      const task = create_task(
        coroutine(async () => {
          try {
            await sleep(10);
          } catch (error) {
            seen = error;
            throw error;
          }
        })(),
        { signal: controller.signal },
      );
      await sleep(1);
      controller.abort("user pressed stop");
      const error = await thrown(task);
      assertOk(task.cancelled());
      assertOk(error instanceof CancelledError);
      assertStrictEquals(error.message, "user pressed stop");
      assertStrictEquals(seen, error, "the coroutine saw the same CancelledError");
      assertStrictEquals(get_running_loop().time(), 1);
    })(),
    VIRTUAL,
  );
});

Deno.test("create_task signal: a non-string reason cancels without a message", async () => {
  await run(
    coroutine(async () => {
      const controller = new AbortController();
      const task = create_task(sleep(10), { signal: controller.signal });
      await sleep(1);
      controller.abort(); // reason: a DOMException
      const error = await thrown(task);
      assertOk(error instanceof CancelledError);
      assertStrictEquals(error.message, "");
    })(),
    VIRTUAL,
  );
});

Deno.test("create_task signal: an aborted signal cancels the task before its body runs", async () => {
  await run(
    coroutine(async () => {
      let ran = false;
      const task = create_task(
        // deno-lint-ignore require-await
        coroutine(async () => {
          ran = true;
        })(),
        { signal: AbortSignal.abort("too late") },
      );
      assertOk(!task.done(), "cancellation is delivered on the task's first step");
      assertStrictEquals(task.cancelling(), 1);
      const error = await thrown(task);
      assertOk(task.cancelled());
      assertStrictEquals((error as Error).message, "too late");
      assertOk(!ran, "the body never started");
    })(),
    VIRTUAL,
  );
});

Deno.test("create_task signal: a signal aborting after the task is done does nothing", async () => {
  await run(
    coroutine(async () => {
      const controller = new AbortController();
      const task = create_task(sleep(1, "done"), { signal: controller.signal });
      assertStrictEquals(await task, "done");
      await sleep(0); // the done callback that unsubscribes runs
      let cancel_calls = 0;
      const original = task.cancel.bind(task);
      task.cancel = (msg?: string | null) => {
        cancel_calls++;
        return original(msg);
      };
      controller.abort("late");
      assertStrictEquals(cancel_calls, 0, "the listener was removed");
      assertOk(!task.cancelled());
      assertStrictEquals(task.result(), "done");
    })(),
    VIRTUAL,
  );
});

Deno.test("create_task signal: one signal can cancel several tasks", async () => {
  await run(
    coroutine(async () => {
      const controller = new AbortController();
      const tasks = [1, 2, 3].map((n) => create_task(sleep(n * 10), { signal: controller.signal }));
      await sleep(5);
      controller.abort("all of them");
      for (const task of tasks) await thrown(task);
      assertOk(tasks.every((task) => task.cancelled()));
    })(),
    VIRTUAL,
  );
});

Deno.test("create_task signal: a task's signal passed to a child cancels the child with it", async () => {
  await run(
    coroutine(async () => {
      let child: Task<void> | null = null;
      const parent = create_task(
        coroutine(async () => {
          // The parent does not await the child: only the signal links them.
          child = create_task(sleep(10), { signal: current_task()!.signal });
          await sleep(20);
        })(),
      );
      await sleep(1);
      parent.cancel("stop the tree");
      assertOk(!child!.done(), "the child is asked to cancel, and stops on its next step");
      assertStrictEquals(child!.cancelling(), 1);
      await thrown(parent);
      assertOk(parent.cancelled());
      const error = await thrown(child!);
      assertOk(child!.cancelled() && error instanceof CancelledError);
      // The reason is the parent's CancelledError: its message carries over.
      assertStrictEquals(error.message, "stop the tree");
      assertStrictEquals(get_running_loop().time(), 1);
    })(),
    VIRTUAL,
  );
});

Deno.test("create_task signal: a signal that is not an AbortSignal is a TypeError naming it", async () => {
  await run(
    coroutine(async () => {
      const body = coroutine(async () => {});
      assertThrows(
        () => create_task(body(), { signal: { aborted: false } as AbortSignal }),
        (error: unknown) =>
          error instanceof TypeError &&
          /options\.signal must be an AbortSignal/.test(error.message),
      );
      // Let the task the core scheduled anyway finish (see the report: the
      // check comes after the task is registered).
      await sleep(0);
    })(),
    VIRTUAL,
  );
});

// --- task.signal ---------------------------------------------------------------------

Deno.test("task.signal: aborts when the task is asked to cancel, with a CancelledError reason", async () => {
  await run(
    coroutine(async () => {
      const order: string[] = [];
      const task = create_task(
        coroutine(async () => {
          try {
            await sleep(10);
          } catch (error) {
            order.push("coroutine sees CancelledError");
            throw error;
          }
        })(),
      );
      const signal = task.signal;
      assertStrictEquals(task.signal, signal, "one signal per task");
      assertOk(!signal.aborted);
      signal.addEventListener("abort", () => order.push("abort event"));
      await sleep(1);
      task.cancel("why");
      order.push("cancel() returned");
      assertOk(signal.aborted);
      assertOk(signal.reason instanceof CancelledError);
      assertStrictEquals(signal.reason.message, "why");
      await thrown(task);
      assertEquals(order, ["abort event", "cancel() returned", "coroutine sees CancelledError"]);
    })(),
    VIRTUAL,
  );
});

Deno.test("task.signal: read after the cancel request, it is already aborted", async () => {
  await run(
    coroutine(async () => {
      const task = create_task(sleep(10));
      task.cancel("early");
      const signal = task.signal;
      assertOk(signal.aborted);
      assertStrictEquals((signal.reason as Error).message, "early");
      await thrown(task);
    })(),
    VIRTUAL,
  );
});

Deno.test("task.signal: a task that finishes never aborts its signal", async () => {
  await run(
    coroutine(async () => {
      const task = create_task(sleep(1, "ok"));
      const signal = task.signal;
      assertStrictEquals(await task, "ok");
      assertStrictEquals(task.cancel(), false);
      assertOk(!signal.aborted);
    })(),
    VIRTUAL,
  );
});

Deno.test("task.signal: uncancel() cannot un-abort it; the signal reports the first request", async () => {
  await run(
    coroutine(async () => {
      const task = create_task(
        coroutine(async () => {
          try {
            await sleep(10);
          } catch {
            current_task()!.uncancel();
          }
          return await sleep(1, "recovered");
        })(),
      );
      const signal = task.signal;
      await sleep(1);
      task.cancel("first");
      assertStrictEquals(await task, "recovered");
      assertStrictEquals(task.cancelling(), 0);
      assertOk(signal.aborted, "an AbortSignal aborts once and for all");
      assertStrictEquals((signal.reason as Error).message, "first");
    })(),
    VIRTUAL,
  );
});

Deno.test("task.signal: a cancel requested while a task awaits a foreign promise is delivered at its next library await", async () => {
  await run(
    coroutine(async () => {
      const gate = Promise.withResolvers<string>();
      const log: string[] = [];
      const task = create_task(
        coroutine(async () => {
          const value = await gate.promise; // foreign: the task is detached meanwhile
          log.push(`foreign await gave ${value}`);
          try {
            await sleep(0);
            log.push("not reached");
          } catch (error) {
            log.push(`library await threw ${(error as Error).name}`);
            throw error;
          }
        })(),
      );
      await sleep(1);
      task.cancel("stop");
      gate.resolve("value");
      const error = await thrown(task);
      assertOk(error instanceof CancelledError && task.cancelled());
      assertEquals(log, ["foreign await gave value", "library await threw CancelledError"]);
    })(),
    VIRTUAL,
  );
});

Deno.test("task.signal: a detached coroutine that handles the abort and returns finishes normally", async () => {
  // The abort of the signal it took is the delivery, as cancelling the Future
  // a task waits on is in CPython: a coroutine that catches it may go on.
  await run(
    coroutine(async () => {
      const task = create_task(
        coroutine(async () => {
          const signal = current_task()!.signal;
          try {
            await new Promise<never>((_resolve, reject) =>
              signal.addEventListener("abort", () => reject(signal.reason), { once: true })
            );
          } catch {
            return "fallback";
          }
        })(),
      );
      await sleep(1);
      task.cancel("stop");
      assertStrictEquals(await task, "fallback");
      assertOk(!task.cancelled());
      assertStrictEquals(task.cancelling(), 1);
    })(),
    VIRTUAL,
  );
});

// --- fetch against a local server ------------------------------------------------------

interface LocalServer {
  url: string;
  server: Deno.HttpServer<Deno.NetAddr>;
}

function serve(handler: (request: Request) => Response | Promise<Response>): LocalServer {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  return { url: `http://127.0.0.1:${server.addr.port}/`, server };
}

Deno.test("task.signal: cancelling a task aborts its fetch; the server sees the body cancelled", async () => {
  const server_cancel = Promise.withResolvers<string>();
  let requests = 0;
  const { url, server } = serve(() => {
    requests++;
    // Headers and a first chunk now, the rest never: the client's abort is
    // the only way the body ends.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("partial"));
      },
      cancel() {
        server_cancel.resolve("body cancelled by the client");
      },
    });
    return new Response(body);
  });
  try {
    const log: string[] = [];
    await run(
      coroutine(async () => {
        const headers = get_running_loop().create_future<number>();
        const fetcher = create_task(
          coroutine(async () => {
            const task = current_task()!;
            const response = await fetch(url, { signal: task.signal });
            headers.set_result(response.status); // from detached code: wakes the loop
            return await response.text(); // never completes on its own
          })(),
          { name: "fetcher" },
        );
        assertStrictEquals(await headers, 200);
        log.push("headers arrived");
        assertOk(!fetcher.done());
        assertStrictEquals(fetcher.cancel("stop downloading"), true);
        const error = await thrown(fetcher);
        assertOk(fetcher.cancelled());
        assertOk(error instanceof CancelledError);
        assertStrictEquals(error.message, "stop downloading");
        assertStrictEquals(
          error,
          fetcher.signal.reason,
          "the body read rejected with the signal's reason",
        );
        log.push("fetcher cancelled");
      })(),
    );
    assertStrictEquals(await server_cancel.promise, "body cancelled by the client");
    assertEquals(log, ["headers arrived", "fetcher cancelled"]);
    assertStrictEquals(requests, 1);
  } finally {
    await server.shutdown();
  }
});

Deno.test("task.signal: cancelling a task whose fetch waits for the response rejects the fetch", async () => {
  const arrived = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  const { url, server } = serve(async () => {
    arrived.resolve();
    await release.promise;
    return new Response("too late");
  });
  try {
    await run(
      coroutine(async () => {
        let fetch_error: unknown = null;
        const fetcher = create_task(
          coroutine(async () => {
            try {
              const response = await fetch(url, { signal: current_task()!.signal });
              return await response.text();
            } catch (error) {
              fetch_error = error;
              throw error;
            }
          })(),
        );
        // Through a library Future: a foreign await here would detach the main
        // task (see the report on detached tasks).
        await ensure_future(arrived.promise);
        fetcher.cancel("no answer needed");
        const error = await thrown(fetcher);
        assertOk(fetcher.cancelled());
        assertOk(fetch_error instanceof CancelledError, "fetch rejected with the signal's reason");
        assertStrictEquals(fetch_error, error);
        assertStrictEquals((fetch_error as Error).message, "no answer needed");
      })(),
    );
  } finally {
    release.resolve(); // let the handler finish so the server can shut down
    await server.shutdown();
  }
});

Deno.test("task.signal: a failing TaskGroup child aborts the fetches of its siblings", async () => {
  const arrivals = { count: 0, all: Promise.withResolvers<void>() };
  const cancelled_bodies = { count: 0, all: Promise.withResolvers<void>() };
  const { url, server } = serve(() => {
    if (++arrivals.count === 2) arrivals.all.resolve();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("chunk"));
      },
      cancel() {
        if (++cancelled_bodies.count === 2) cancelled_bodies.all.resolve();
      },
    });
    return new Response(body);
  });
  try {
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const both_streaming = loop.create_future<void>();
        let streaming = 0;
        const download = coroutine(async () => {
          const response = await fetch(url, { signal: current_task()!.signal });
          if (++streaming === 2) both_streaming.set_result();
          return await response.text();
        });
        const fail_when_streaming = coroutine(async () => {
          await both_streaming;
          throw new RangeError("giving up");
        });
        const fetchers: Task<string>[] = [];
        const error = await thrown(
          // deno-lint-ignore require-await
          async_with(new TaskGroup(), async (tg) => {
            fetchers.push(tg.create_task(download()), tg.create_task(download()));
            tg.create_task(fail_when_streaming());
          }),
        );
        assertOk(error instanceof ExceptionGroup);
        assertStrictEquals(
          error.exceptions.length,
          1,
          "the aborted fetches are cancellations, not errors",
        );
        assertStrictEquals((error.exceptions[0] as Error).message, "giving up");
        assertOk(fetchers.every((task) => task.cancelled()));
      })(),
    );
    await cancelled_bodies.all.promise;
    assertStrictEquals(arrivals.count, 2);
  } finally {
    await server.shutdown();
  }
});

Deno.test("task.signal: awaiting ensure_future(fetch(...)) keeps the task attached: one CancelledError, at once", async () => {
  const arrived = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  const { url, server } = serve(async () => {
    arrived.resolve();
    await release.promise;
    return new Response("too late");
  });
  try {
    await run(
      coroutine(async () => {
        const log: string[] = [];
        const fetcher = create_task(
          coroutine(async () => {
            const task = current_task()!;
            const request = fetch(url, { signal: task.signal });
            try {
              // A library Future: the task stays on the loop while it waits.
              await ensure_future(request);
            } catch (error) {
              log.push(
                `caught ${(error as Error).name}; current task ${current_task()?.get_name()}`,
              );
            }
            // The cancellation was delivered once: the task goes on like a CPython task.
            await sleep(0);
            log.push("went on after the cancellation");
            return "recovered";
          })(),
          { name: "fetcher" },
        );
        await ensure_future(arrived.promise);
        fetcher.cancel("stop");
        assertStrictEquals(await fetcher, "recovered");
        assertEquals(log, [
          "caught CancelledError; current task fetcher",
          "went on after the cancellation",
        ]);
        assertStrictEquals(fetcher.cancelling(), 1);
        assertOk(fetcher.signal.aborted);
      })(),
    );
  } finally {
    release.resolve();
    await server.shutdown();
  }
});
