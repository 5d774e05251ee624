import FakeTimers from "@sinonjs/fake-timers";
import { ManualClock, RealClock, VirtualClock } from "../lib/clocks.ts";
import {
  async_with,
  coroutine,
  create_task,
  Future,
  get_running_loop,
  new_event_loop,
  run,
  sleep,
  timeout,
  TimeoutError,
  wait_for,
} from "../mod.ts";
import {
  assert_no_real_wait,
  assertEquals,
  assertOk,
  assertStrictEquals,
  host_timer_delays,
  raises,
} from "./_assert.ts";

Deno.test("VirtualClock: starts at 0 and only moves forward", () => {
  const clock = new VirtualClock();
  assertStrictEquals(clock.kind, "virtual");
  assertStrictEquals(clock.now(), 0);
  clock.advance_to(5);
  assertStrictEquals(clock.now(), 5);
  clock.advance_to(2); // never backward
  assertStrictEquals(clock.now(), 5);
  clock.advance_to(5.25);
  assertStrictEquals(clock.now(), 5.25);
  assertStrictEquals(clock.sync(), 5.25); // nothing outside moves it
});

Deno.test("RealClock: monotonic seconds near performance.now()", () => {
  const clock = new RealClock();
  assertStrictEquals(clock.kind, "real");
  let last = clock.now();
  assertOk(Math.abs(last - performance.now() / 1000) < 1, "seconds, from performance.now()");
  for (let i = 0; i < 10000; i++) {
    const t = clock.now();
    assertOk(t >= last, `clock went back: ${t} < ${last}`);
    last = t;
  }
});

Deno.test("RealClock: advance_to clamps forward, never backward", () => {
  const clock = new RealClock();
  const now = clock.now();
  clock.advance_to(now - 100);
  assertOk(clock.now() >= now);
  clock.advance_to(now + 1000);
  assertOk(clock.now() >= now + 1000);
  assertOk(clock.now() < now + 1001);
});

Deno.test("RealClock: sync() follows a faked Date jumping forward, not back", () => {
  const fake = FakeTimers.install({ toFake: ["Date"], now: Date.now() });
  try {
    const clock = new RealClock();
    const t0 = clock.now();
    fake.tick(5000); // Date jumps 5 s; performance.now() does not
    const synced = clock.sync(); // the loop syncs once per iteration and uses the time it gives
    const t1 = clock.now();
    assertOk(synced - t0 >= 4.99 && t1 >= synced && t1 - synced < 0.5, `sync() gave ${synced}`);
    assertOk(t1 - t0 >= 4.99 && t1 - t0 < 6, `expected ~5 s, got ${t1 - t0}`);
    fake.setSystemTime(Date.now() - 60_000); // a jump back is ignored
    clock.sync();
    const t2 = clock.now();
    assertOk(t2 >= t1, "never backward");
    assertOk(t2 - t1 < 1);
    fake.tick(2000); // still follows forward jumps after a jump back
    clock.sync();
    assertOk(clock.now() - t2 >= 1.99);
  } finally {
    fake.uninstall();
  }
});

/** Spends `ms` of real time, as a slow test machine would between two ticks. */
function spend_real_time(ms: number): void {
  const start = performance.now();
  while (performance.now() - start < ms);
}

Deno.test("RealClock: under a fake Date, the time moves by exactly what was ticked", () => {
  const fake = FakeTimers.install({ toFake: ["Date"] });
  try {
    const clock = new RealClock();
    const t0 = clock.now();
    spend_real_time(20);
    assertStrictEquals(clock.now(), t0, "real time leaked in");
    fake.tick(5000);
    assertStrictEquals(clock.now() - t0, 5);
    assertStrictEquals(clock.sync() - t0, 5);
  } finally {
    fake.uninstall();
  }
});

Deno.test("RealClock: a fake installed after it was made, then removed: it goes on from there", () => {
  const clock = new RealClock();
  const fake = FakeTimers.install({ toFake: ["Date"], now: 0 });
  let faked_end: number;
  try {
    const t0 = clock.now();
    assertOk(Math.abs(t0 - performance.now() / 1000) < 0.1, "the time went on from performance");
    fake.tick(3000);
    spend_real_time(10);
    faked_end = clock.now();
    assertStrictEquals(faked_end - t0, 3);
  } finally {
    fake.uninstall();
  }
  const after = clock.now();
  assertOk(after >= faked_end && after - faked_end < 0.1, `went from ${faked_end} to ${after}`);
  spend_real_time(5);
  assertOk(clock.now() - after >= 0.004, "follows performance again");
});

Deno.test("RealClock: may_have_reached is false only for times certainly ahead", () => {
  const fake = FakeTimers.install({ toFake: ["Date"], now: Date.now() });
  try {
    const clock = new RealClock();
    const now = clock.sync();
    assertStrictEquals(clock.may_have_reached(now - 1), true);
    assertStrictEquals(clock.may_have_reached(now), true);
    assertStrictEquals(clock.may_have_reached(now + 0.001), true); // within Date's error
    assertStrictEquals(clock.may_have_reached(now + 1), false);
    fake.tick(1500); // a faked Date moving ahead is seen before any sync()
    assertStrictEquals(clock.may_have_reached(now + 1), true);
    clock.sync();
    fake.setSystemTime(Date.now() - 60_000); // moved back: late until the next sync()
    assertStrictEquals(clock.may_have_reached(clock.now()), false);
    clock.sync();
    assertStrictEquals(clock.may_have_reached(clock.now()), true);
  } finally {
    fake.uninstall();
  }
});

Deno.test("VirtualClock: may_have_reached is exact", () => {
  const clock = new VirtualClock();
  clock.advance_to(2);
  assertEquals([1, 2, 2.5].map((when) => clock.may_have_reached(when)), [true, true, false]);
});

Deno.test("real loop: a far timer pending does not delay a near one", async () => {
  const fired = await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const order: string[] = [];
      loop.call_later(3600, () => order.push("far"));
      const start = loop.time();
      loop.call_later(
        0.005,
        () => order.push(`near after >= 5 ms: ${loop.time() - start >= 0.005}`),
      );
      while (order.length === 0) await sleep(0); // busy: the loop never idles
      return order;
    })(),
  );
  assertEquals(fired, ["near after >= 5 ms: true"]);
});

Deno.test("virtual loop: time starts at 0", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    assertStrictEquals(loop.clock, "virtual");
    assertStrictEquals(loop.time(), 0);
  } finally {
    loop.close();
  }
});

Deno.test("manual loop: time starts at 0 and stays there while only timers are left", async () => {
  assertStrictEquals(new ManualClock().kind, "manual");
  const loop = new_event_loop({ clock: "manual", deadlock: false });
  let fired = false;
  loop.call_later(1, () => fired = true);
  const outside = setTimeout(() => loop.stop(), 5); // the loop idles until then
  await loop.run_forever();
  clearTimeout(outside);
  assertStrictEquals(loop.clock, "manual");
  assertStrictEquals(loop.time(), 0);
  assertStrictEquals(fired, false);
  loop.close();
});

Deno.test("virtual loop: sleep(3600) takes no real time", async () => {
  const { result, delays } = await host_timer_delays(() =>
    run(
      coroutine(async () => {
        await sleep(3600);
        const t = get_running_loop().time();
        await sleep(0.5);
        return [t, get_running_loop().time()];
      })(),
      { clock: "virtual" },
    )
  );
  assertEquals(result, [3600, 3600.5]);
  assert_no_real_wait(delays);
});

Deno.test("virtual loop: timers fire in deadline order with exact times", async () => {
  const loop = new_event_loop({ clock: "virtual" });
  const log: string[] = [];
  loop.call_later(3, () => log.push(`c@${loop.time()}`));
  loop.call_later(1, () => log.push(`a@${loop.time()}`));
  loop.call_later(2, () => {
    log.push(`b@${loop.time()}`);
    loop.call_later(0.5, () => log.push(`d@${loop.time()}`));
  });
  loop.call_later(10, () => loop.stop());
  await loop.run_forever();
  loop.close();
  assertEquals(log, ["a@1", "b@2", "d@2.5", "c@3"]);
});

Deno.test("real loop: time is monotonic and a short timer fires", async () => {
  const loop = new_event_loop();
  try {
    assertStrictEquals(loop.clock, "real");
    const t0 = loop.time();
    const fired = await loop.run_until_complete(
      coroutine(async () => {
        await sleep(0.005);
        return get_running_loop().time();
      })(),
    );
    assertOk(fired - t0 >= 0.005, `timer fired early: ${fired - t0}`);
    assertOk(loop.time() >= fired);
  } finally {
    loop.close();
  }
});

Deno.test("real loop: the wake-up timer is cleared when the loop stops with timers pending", async () => {
  // Deno's op sanitizer fails this test if a host timer outlives it.
  const loop = new_event_loop();
  try {
    loop.call_later(3600, () => {});
    loop.call_later(0.002, () => loop.stop());
    await loop.run_forever();
    assertStrictEquals(loop._scheduled.length, 1);
  } finally {
    loop.close();
  }
});

Deno.test("fake timers (all faked): tickAsync drives a real-clock loop", async () => {
  const fake = FakeTimers.install();
  try {
    const loop = new_event_loop();
    const log: string[] = [];
    const main = coroutine(async () => {
      const t0 = get_running_loop().time();
      get_running_loop().call_later(1, () => log.push("call_later(1)"));
      await sleep(1);
      log.push("slept 1");
      await sleep(2);
      log.push("slept 2");
      return get_running_loop().time() - t0;
    });
    const p = loop.run_until_complete(main());
    await fake.tickAsync(1000);
    assertEquals(log, ["call_later(1)", "slept 1"]);
    await fake.tickAsync(2000);
    const elapsed = await p;
    assertEquals(log, ["call_later(1)", "slept 1", "slept 2"]);
    assertOk(elapsed >= 3 && elapsed < 3.1, `elapsed ${elapsed}`);
    assertStrictEquals(fake.countTimers(), 0, "wake-up timer left behind");
    loop.close();
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers (Date + setTimeout only, FakeTime-like): tick fires call_later", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    const fired: number[] = [];
    const t0 = loop.time();
    loop.call_later(1, () => fired.push(loop.time() - t0));
    loop.call_later(2.5, () => {
      fired.push(loop.time() - t0);
      loop.stop();
    });
    const p = loop.run_forever();
    await fake.tickAsync(999);
    assertEquals(fired, []);
    await fake.tickAsync(1);
    assertStrictEquals(fired.length, 1);
    assertOk(fired[0] >= 1 - 1e-9 && fired[0] < 1.1, `fired at ${fired[0]}`);
    await fake.tickAsync(1500);
    await p;
    assertStrictEquals(fired.length, 2);
    assertOk(fired[1] >= 2.5 - 1e-9 && fired[1] < 2.6, `fired at ${fired[1]}`);
    assertStrictEquals(fake.countTimers(), 0);
    loop.close();
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers: sleep inside run() with a task", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const p = run(
      coroutine(async () => {
        const other = create_task(sleep(0.5, "other"));
        const mine = await sleep(1, "mine");
        return `${await other} ${mine}`;
      })(),
    );
    await fake.tickAsync(1000);
    assertStrictEquals(await p, "other mine");
    assertStrictEquals(fake.countTimers(), 0);
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers: the wake-up timer is cleared when the loop goes idle or closes", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    loop.call_later(100, () => {});
    const p = loop.run_forever();
    await fake.tickAsync(10); // the loop is idle, waiting for its 100 s timer
    assertStrictEquals(fake.countTimers(), 1, "one wake-up timer while idle");
    loop.call_soon(() => loop.stop()); // wakes the idle loop from outside
    await fake.tickAsync(0);
    await p;
    assertStrictEquals(fake.countTimers(), 0, "wake-up timer cleared after stop");
    loop.close();
    assertStrictEquals(loop._scheduled.length, 0);
    assertStrictEquals(fake.countTimers(), 0);
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers: call_later, sleep, wait_for and timeout move loop.time() by the ticks alone", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const ended: Record<string, number> = {};
    const done = run(
      coroutine(async () => {
        const loop = get_running_loop();
        const t0 = loop.time();
        const at = (what: string) => ended[what] = loop.time() - t0;
        loop.call_later(5, () => at("call_later(5)"));
        const waits = [
          create_task(coroutine(async () => at(await sleep(5, "sleep(5)")))()),
          create_task(
            coroutine(async () => {
              await raises(wait_for(new Future(), 5), TimeoutError);
              at("wait_for(never, 5)");
            })(),
          ),
          create_task(
            coroutine(async () => {
              await raises(async_with(timeout(5), () => sleep(3600)), TimeoutError);
              at("timeout(5)");
            })(),
          ),
        ];
        for (const wait of waits) await wait;
        await sleep(0.25);
        at("sleep(0.25) after");
      })(),
    );
    for (let tick = 0; tick < 5; tick++) {
      spend_real_time(10); // real time passing between ticks must not count
      await fake.tickAsync(1000);
    }
    assertEquals(Object.keys(ended).length, 4);
    await fake.tickAsync(250);
    await done;
    assertEquals(ended, {
      "call_later(5)": 5,
      "sleep(5)": 5,
      "wait_for(never, 5)": 5,
      "timeout(5)": 5,
      "sleep(0.25) after": 5.25,
    });
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers (Date + setTimeout only): later timers fire on their exact millisecond", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    const fired: string[] = [];
    loop.call_later(1, () => fired.push(`1@${fake.now}`));
    loop.call_later(2.5, () => fired.push(`2.5@${fake.now}`));
    loop.call_later(2.6, () => {
      fired.push(`2.6@${fake.now}`);
      loop.stop();
    });
    const p = loop.run_forever();
    await fake.tickAsync(1000);
    await fake.tickAsync(1500);
    assertEquals(fired, ["1@1000", "2.5@2500"]);
    await fake.tickAsync(100);
    await p;
    assertEquals(fired, ["1@1000", "2.5@2500", "2.6@2600"]);
    loop.close();
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers (Date + setTimeout only): 1 ms steps fire timers on time", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    const fired: number[] = [];
    loop.call_later(0.01, () => fired.push(fake.now));
    loop.call_later(0.02, () => {
      fired.push(fake.now);
      loop.stop();
    });
    const p = loop.run_forever();
    for (let i = 0; i < 20; i++) await fake.tickAsync(1);
    await p;
    assertEquals(fired, [10, 20]);
    loop.close();
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers: a synchronous tick() wakes the loop once microtasks run", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    const p = loop.run_until_complete(sleep(1, "woke"));
    await fake.tickAsync(0); // let the loop reach its idle wait
    fake.tick(1000); // FakeTime-style synchronous tick
    assertStrictEquals(await p, "woke");
    assertStrictEquals(fake.countTimers(), 0);
    loop.close();
  } finally {
    fake.uninstall();
  }
});

Deno.test("fake timers: a month's call_later waits past the host timer's 2^31-1 ms range", async () => {
  const fake = FakeTimers.install({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  try {
    const loop = new_event_loop();
    const t0 = loop.time();
    let fired_at: number | null = null;
    loop.call_later(30 * 86400, () => {
      fired_at = loop.time() - t0;
      loop.stop();
    });
    const running = loop.run_forever();
    await fake.tickAsync(10);
    assertStrictEquals(fired_at, null);
    assertOk(loop.time() - t0 < 60, `the clock ran ahead to ${loop.time() - t0} s`);
    await fake.tickAsync(30 * 86400 * 1000);
    await running;
    assertOk(fired_at !== null && fired_at >= 30 * 86400 - 1e-6, `fired at ${fired_at}`);
    loop.close();
  } finally {
    fake.uninstall();
  }
});
