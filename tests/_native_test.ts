import {
  async_context,
  awaiting_task,
  hand_to_task,
  native,
  type NativeAwaiter,
  run_tracked,
  set_detached,
  UNKNOWN_TASK,
} from "../lib/_native.ts";
import { assertEquals, assertOk, assertStrictEquals } from "./_assert.ts";

/** A stand-in task that records the awaits handed to it. */
function awaiter(name: string, taken: string[]): NativeAwaiter & { name: string } {
  return {
    name,
    _native_await(awaitable: unknown): boolean {
      taken.push(`${name}: ${awaitable}`);
      return true;
    },
  };
}

/** Runs `body` as loop code: in the async context whose store is a loop. */
function in_loop<T>(body: () => T): T {
  return async_context === null ? body() : async_context.run({ loop: true }, body);
}

Deno.test("awaiting_task: plain JavaScript outside any loop is nobody's", () => {
  if (async_context === null) return; // no async context in this runtime: nothing to tell apart
  const taken: string[] = [];
  native.task = awaiter("in a step", taken);
  try {
    assertStrictEquals(awaiting_task(), null);
    assertStrictEquals(hand_to_task("x", () => {}, () => {}), false);
    assertEquals(taken, []);
  } finally {
    native.task = null;
  }
});

Deno.test("awaiting_task: loop code's awaits go to the step's task, else the sole detached one", () => {
  const taken: string[] = [];
  const stepping = awaiter("stepping", taken);
  const away = awaiter("away", taken);
  const other = awaiter("other", taken);
  in_loop(() => {
    native.task = stepping;
    assertStrictEquals(awaiting_task(), stepping);
    native.task = null;
    assertStrictEquals(awaiting_task(), null);
    set_detached(away, true);
    assertStrictEquals(awaiting_task(), away);
    set_detached(other, true); // two detached: nobody can tell whose
    assertStrictEquals(awaiting_task(), UNKNOWN_TASK);
    const rejected: unknown[] = [];
    const took = hand_to_task("<sleep>", (_value: unknown) => {}, (error: unknown) => {
      rejected.push(error);
    });
    assertOk(took, "the await is answered, with an error");
    assertOk(
      rejected[0] instanceof Error && rejected[0].name === "RuntimeError" &&
        rejected[0].message.startsWith("cannot tell which task awaits <sleep>: 2 tasks"),
      String(rejected[0]),
    );
    set_detached(other, false);
    assertStrictEquals(awaiting_task(), away);
    set_detached(away, false);
    assertStrictEquals(awaiting_task(), null);
  });
  assertEquals(taken, []);
});

Deno.test("run_tracked: the task's own code names it, across awaits, whatever else runs", async () => {
  if (async_context === null) return;
  const taken: string[] = [];
  const tracked = awaiter("tracked", taken);
  const stepping = awaiter("stepping", taken);
  const untracked = awaiter("untracked", taken);
  let release!: () => void;
  const foreign = new Promise<void>((resolve) => release = resolve);
  const done = in_loop(() =>
    run_tracked(tracked, async () => {
      hand_to_task("before", () => {}, () => {});
      await foreign;
      hand_to_task("after a foreign await", () => {}, () => {});
    })
  );
  // Another task's step and an untracked detached task: neither takes the tracked one's awaits,
  // and the tracked task does not make the detached one ambiguous.
  in_loop(() => {
    native.task = stepping;
    set_detached(untracked, true);
    set_detached(tracked, true);
    assertStrictEquals(awaiting_task(), stepping); // loop code in `stepping`'s step
    native.task = null;
    assertStrictEquals(awaiting_task(), untracked);
  });
  release();
  await done;
  in_loop(() => {
    set_detached(tracked, false);
    set_detached(untracked, false);
  });
  assertEquals(taken, ["tracked: before", "tracked: after a foreign await"]);
  assertOk(native.detached.size === 0 && native.sole_detached === null);
});
