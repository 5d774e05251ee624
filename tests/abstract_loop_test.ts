// The loop's interface: checked when `deno test` type-checks this file (an
// `EventLoop` that no longer fits `AbstractEventLoop` fails the check), and
// run, so that what the types promise is what comes back.
import {
  type AbstractEventLoop,
  type CoroutineLike,
  create_task,
  type EventLoop,
  type ExceptionContext,
  Future,
  new_event_loop,
  sleep,
  Task,
  type TaskFactory,
  type TaskOptions,
} from "../mod.ts";
import { assertEquals, assertStrictEquals } from "./_assert.ts";

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true
  : false;

/** Compiles only when `T` is `true`. */
function check<T extends true>(_proof?: T): void {}

Deno.test("AbstractEventLoop: an EventLoop is one, and code typed against it drives the loop", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const abstract: AbstractEventLoop = loop;
  const times: number[] = [];
  abstract.call_later(2, () => times.push(abstract.time()));
  abstract.call_at(5, () => {
    times.push(abstract.time());
    abstract.stop();
  });
  await abstract.run_forever();
  assertEquals(times, [2, 5]);
  abstract.close();
  assertStrictEquals(loop.is_closed(), true);
});

Deno.test("AbstractEventLoop: Futures and Tasks hand back their loop as the interface", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const future = new Future<number>({ loop });
    check<Equal<ReturnType<typeof future.get_loop>, AbstractEventLoop>>();
    assertStrictEquals(future.get_loop(), loop);
    const task = loop.create_task(sleep(1, "done"));
    assertStrictEquals(task.get_loop(), loop);
    assertStrictEquals(await loop.run_until_complete(task), "done");
  } finally {
    loop.close();
  }
});

Deno.test("AbstractEventLoop: exception handlers and task factories of either loop type fit", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const abstract: AbstractEventLoop = loop;
  try {
    // A handler written for the class, set through the interface, and the reverse.
    const seen: [AbstractEventLoop, string][] = [];
    const for_class = (l: EventLoop, context: ExceptionContext) => seen.push([l, context.message]);
    const for_interface = (l: AbstractEventLoop, context: ExceptionContext) =>
      seen.push([l, context.message]);
    abstract.set_exception_handler(for_class);
    assertStrictEquals(loop.get_exception_handler(), for_class);
    abstract.call_exception_handler({ message: "one" });
    loop.set_exception_handler(for_interface);
    assertStrictEquals(abstract.get_exception_handler(), for_interface);
    abstract.get_exception_handler()?.(abstract, { message: "two" });
    loop.call_exception_handler({ message: "three" });
    assertEquals(seen, [[loop, "one"], [loop, "two"], [loop, "three"]]);

    // The class's TaskFactory (which takes an EventLoop) set through the interface.
    const made: AbstractEventLoop[] = [];
    const factory: TaskFactory = <T>(
      l: EventLoop,
      coro: CoroutineLike<T>,
      options?: TaskOptions,
    ) => {
      made.push(l);
      return new Task(coro, { ...options, loop: l });
    };
    abstract.set_task_factory(factory);
    assertStrictEquals(abstract.get_task_factory(), factory);
    const value = await abstract.run_until_complete(
      abstract.create_task((function* () {
        return (yield create_task(sleep(1, 7))) as number;
      })()),
    );
    assertStrictEquals(value, 7);
    assertEquals(made, [loop, loop]);
  } finally {
    loop.set_exception_handler(null);
    loop.set_task_factory(null);
    loop.close();
  }
});
