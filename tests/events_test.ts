// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  coroutine,
  EventLoop,
  get_event_loop,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
  set_event_loop,
} from "../mod.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows } from "./_assert.ts";

Deno.test("get_running_loop: RuntimeError when no loop runs", () => {
  assertThrows(() => get_running_loop(), (e: unknown) => {
    assertOk(e instanceof RuntimeError);
    assertStrictEquals(e.message, "no running event loop");
    return true;
  });
});

Deno.test("get_running_loop: the running loop inside run()", async () => {
  let seen: EventLoop | null = null;
  await run(
    coroutine(async () => {
      seen = get_running_loop();
      assertStrictEquals(seen.is_running(), true);
      assertStrictEquals(get_event_loop(), seen, "get_event_loop() returns the running loop");
    })(),
  );
  assertOk(seen !== null);
  assertThrows(() => get_running_loop(), RuntimeError);
});

Deno.test("get_running_loop: set for the whole of run_forever, then cleared", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const seen: unknown[] = [];
  loop.call_soon(() => seen.push(get_running_loop()));
  loop.call_later(1, () => {
    seen.push(get_running_loop());
    loop.stop();
  });
  await loop.run_forever();
  assertEquals(seen.length, 2);
  assertStrictEquals(seen[0], loop);
  assertStrictEquals(seen[1], loop);
  assertThrows(() => get_running_loop(), RuntimeError);
  loop.close();
});

Deno.test("set_event_loop / get_event_loop: the current loop", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    set_event_loop(loop);
    assertStrictEquals(get_event_loop(), loop);
    assertStrictEquals(get_event_loop(), loop);
  } finally {
    set_event_loop(null);
    loop.close();
  }
});

Deno.test("set_event_loop: rejects what is not a loop, naming the argument", () => {
  assertThrows(
    () => set_event_loop({} as unknown as EventLoop),
    (e: unknown) => e instanceof TypeError && /loop must be an EventLoop or null/.test(e.message),
  );
  assertThrows(
    () => set_event_loop(42 as unknown as EventLoop),
    (e: unknown) => e instanceof TypeError && /loop/.test(e.message),
  );
});

Deno.test("get_event_loop: makes a loop on first use and replaces it once closed", () => {
  set_event_loop(null);
  const first = get_event_loop();
  try {
    assertOk(first instanceof EventLoop);
    assertStrictEquals(get_event_loop(), first);
    first.close();
    const second = get_event_loop();
    assertOk(second !== first, "a closed default loop is replaced");
    assertStrictEquals(second.is_closed(), false);
    second.close();
  } finally {
    set_event_loop(null);
  }
});

Deno.test("get_event_loop: a closed loop set explicitly is returned as is", () => {
  const loop = new_event_loop();
  loop.close();
  set_event_loop(loop);
  try {
    assertStrictEquals(get_event_loop(), loop);
  } finally {
    set_event_loop(null);
  }
});

Deno.test("new_event_loop: a fresh loop, not running, not current", () => {
  set_event_loop(null);
  const a = new_event_loop();
  const b = new_event_loop({ clock: "virtual", debug: true });
  try {
    assertOk(a !== b);
    assertStrictEquals(a.is_running(), false);
    assertStrictEquals(a.is_closed(), false);
    assertStrictEquals(a.clock, "real");
    assertStrictEquals(b.clock, "virtual");
    assertStrictEquals(b.get_debug(), true);
    const current = get_event_loop();
    assertOk(current !== a && current !== b, "new_event_loop() does not set the current loop");
    current.close();
  } finally {
    set_event_loop(null);
    a.close();
    b.close();
  }
});

Deno.test("new_event_loop: bad options name the argument", () => {
  assertThrows(
    () => new_event_loop({ clock: "fake" as "real" }),
    (e: unknown) =>
      e instanceof TypeError &&
      /options\.clock must be "real", "virtual" or "manual"/.test(e.message),
  );
  assertThrows(
    () => new_event_loop(5 as unknown as { clock: "real" }),
    (e: unknown) => e instanceof TypeError && /options must be an object/.test(e.message),
  );
});
