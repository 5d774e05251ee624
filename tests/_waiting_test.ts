// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import { coroutine, get_running_loop, new_event_loop, RuntimeError } from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import { Deque } from "../lib/_deque.ts";
import { _get_loop, _named, _NO_ARGS, _remove_waiter, _wait_in_line } from "../lib/_waiting.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";

Deno.test("_named: the function reports the name its coroutines show", () => {
  const body = _named("Thing.wait", function* () {});
  assertStrictEquals(body.name, "Thing.wait");
  assertOk(Object.isFrozen(_NO_ARGS) && _NO_ARGS.length === 0);
});

Deno.test("_remove_waiter: from the front or from the middle", () => {
  const waiters = new Deque<string>();
  for (const w of ["a", "b", "c"]) waiters.push(w);
  _remove_waiter(waiters, "a");
  _remove_waiter(waiters, "c");
  assertEquals([waiters.at(0)], ["b"]);
  assertStrictEquals(waiters.length, 1);
});

Deno.test("_get_loop: binds its owner to the running loop, once", async () => {
  const owner = { _loop: null, toString: () => "<owner>" };
  assertThrows(() => _get_loop(owner), RuntimeError);
  await asyncio_test(async () => {
    assertStrictEquals(_get_loop(owner), get_running_loop());
    assertStrictEquals(owner._loop, get_running_loop());
  })();
  const other = new_event_loop();
  try {
    await other.run_until_complete(
      coroutine(async () => {
        assertThrows(
          () => _get_loop(owner),
          new RuntimeError("<owner> is bound to a different event loop"),
        );
      })(),
    );
  } finally {
    other.close();
  }
});

Deno.test(
  "_wait_in_line: the waiter leaves the line when woken and when cancelled",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const waiters = new Deque<ReturnType<typeof loop.create_future<boolean>>>();
    const woken = loop.create_future<boolean>();
    const waiting = loop.create_task(
      coroutine(function* () {
        yield* _wait_in_line(waiters, woken);
        return "woken";
      })(),
    );
    const cancelled = loop.create_future<boolean>();
    const stuck = loop.create_task(
      coroutine(function* () {
        yield* _wait_in_line(waiters, cancelled);
      })(),
    );
    await coroutine(function* () {
      yield null; // one loop iteration: both tasks start waiting
    })();
    assertStrictEquals(waiters.length, 2);
    woken.set_result(true);
    stuck.cancel();
    assertStrictEquals(await waiting, "woken");
    try {
      await stuck;
    } catch {
      // cancelled, as asked
    }
    assertStrictEquals(waiters.length, 0);
  }),
);
