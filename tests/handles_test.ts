import { Handle, new_event_loop, TimerHandle } from "../mod.ts";
import { assertEquals, assertOk, assertStrictEquals } from "./_assert.ts";

Deno.test("Handle: cancel() is idempotent and the callback never runs", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const log: string[] = [];
  const h = loop.call_soon(() => log.push("cancelled one"));
  loop.call_soon(() => log.push("kept"));
  assertOk(h instanceof Handle);
  assertStrictEquals(h.cancelled(), false);
  h.cancel();
  h.cancel();
  assertStrictEquals(h.cancelled(), true);
  loop.stop();
  await loop.run_forever();
  loop.close();
  assertEquals(log, ["kept"]);
});

Deno.test("Handle: cancelling after it ran does nothing harmful", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  let runs = 0;
  const h = loop.call_soon(() => runs++);
  loop.stop();
  await loop.run_forever();
  h.cancel();
  assertStrictEquals(runs, 1);
  assertStrictEquals(h.cancelled(), true);
  loop.close();
});

Deno.test("Handle: toString describes the callback and its arguments", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const greet = (_name: string, _n: number) => {};
    const h = loop.call_soon(greet, "bob", 3);
    assertStrictEquals(String(h), "<Handle greet('bob', 3)>");
    h.cancel();
    assertStrictEquals(String(h), "<Handle cancelled>");
    const t = loop.call_at(5, greet, "amy", 1);
    assertStrictEquals(String(t), "<TimerHandle when=5 greet('amy', 1)>");
    t.cancel();
    assertStrictEquals(String(t), "<TimerHandle when=5 cancelled>");
  } finally {
    loop.close();
  }
});

Deno.test("TimerHandle: when() is the loop time it is due at", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const a = loop.call_later(2.5, () => {});
    const b = loop.call_at(7, () => {});
    assertOk(a instanceof TimerHandle && a instanceof Handle);
    assertStrictEquals(a.when(), 2.5);
    assertStrictEquals(b.when(), 7);
  } finally {
    loop.close();
  }
});

Deno.test("TimerHandle: cancelling counts toward the loop's cancelled timers once", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const t = loop.call_later(1, () => {});
    assertStrictEquals(loop._timer_cancelled_count, 0);
    t.cancel();
    t.cancel();
    assertStrictEquals(loop._timer_cancelled_count, 1);
    assertStrictEquals(t.cancelled(), true);
  } finally {
    loop.close();
  }
});

Deno.test("TimerHandle: cancelling a timer that already fired does not count", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const t = loop.call_later(1, () => loop.stop());
  await loop.run_forever();
  t.cancel();
  assertStrictEquals(loop._timer_cancelled_count, 0);
  loop.close();
});
