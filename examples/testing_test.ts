/**
 * Testing with `@aiots/asyncio/testing`: a client that retries with
 * exponential backoff, and a heartbeat with a monitor that notices when it
 * stops, each tested over an hour of virtual time in a few milliseconds.
 * The backoff runs on the virtual clock, which jumps from timer to timer;
 * the heartbeat on the manual clock, which moves only when `advance()`
 * says.
 *
 * Run it with `deno test examples/testing_test.ts`.
 *
 * @module
 */

import {
  async_with,
  ConnectionRefusedError,
  coroutine,
  type CoroutineFunction,
  create_task,
  Event,
  get_running_loop,
  sleep,
  timeout,
  TimeoutError,
  wait_for,
} from "../mod.ts";
import { advance, asyncio_test } from "../testing.ts";
import assert from "node:assert/strict";

// --- the code under test ----------------------------------------------------------

/** How a client backs off: the first delay, the cap, the time each attempt may take. */
interface Backoff {
  first_delay: number;
  max_delay: number;
  attempt_timeout: number;
}

/**
 * Calls `request` until it answers: after each failure or timeout it waits
 * twice as long as the time before, up to `max_delay`.
 */
const with_retries = coroutine(
  async function with_retries<T>(
    request: CoroutineFunction<[], T>,
    { first_delay, max_delay, attempt_timeout }: Backoff,
  ): Promise<T> {
    for (let delay = first_delay;; delay = Math.min(delay * 2, max_delay)) {
      try {
        return await wait_for(request(), attempt_timeout);
      } catch (error) {
        if (!(error instanceof ConnectionRefusedError || error instanceof TimeoutError)) {
          throw error;
        }
      }
      await sleep(delay);
    }
  },
);

/** Calls `beat()` every `interval` seconds, until cancelled. */
const heartbeat = coroutine(async function heartbeat(beat: () => void, interval: number) {
  for (;;) {
    beat();
    await sleep(interval);
  }
});

/**
 * Waits until no beat came for `grace` seconds (each beat sets `beats`)
 * and returns the loop time it noticed.
 */
const monitor = coroutine(async function monitor(beats: Event, grace: number) {
  for (;;) {
    beats.clear();
    try {
      await wait_for(beats.wait(), grace);
    } catch (error) {
      if (error instanceof TimeoutError) return get_running_loop().time();
      throw error;
    }
  }
});

// --- the tests ------------------------------------------------------------------

/** A fake server that refuses connections until `up_at`, and hangs once before it. */
function flaky_server(up_at: number, hangs_at: number) {
  const attempts: number[] = [];
  const request = coroutine(async function request() {
    const now = get_running_loop().time();
    attempts.push(now);
    if (now === hangs_at) await sleep(3600); // a request that never answers in time
    if (now < up_at) throw new ConnectionRefusedError("connection refused");
    return `answer at ${now}`;
  });
  return { attempts, request };
}

Deno.test(
  "with_retries: through 50 minutes of outage, backing off 1, 2, 4, ... up to 5 minutes",
  asyncio_test(async () => {
    const server = flaky_server(50 * 60, 3);
    const answer = await with_retries(server.request, {
      first_delay: 1,
      max_delay: 300,
      attempt_timeout: 10,
    });
    // At 0 and 1; at 3 it hangs until its 10 s timeout; then 4, 8, ... 256 s later, then
    // every 5 minutes.
    assert.deepEqual(server.attempts.slice(0, 10), [0, 1, 3, 17, 25, 41, 73, 137, 265, 521]);
    const gaps = server.attempts.slice(10).map((at, i) => at - server.attempts[i + 9]);
    assert.ok(gaps.every((gap) => gap === 300), `gaps after the cap: ${gaps}`);
    assert.equal(answer, "answer at 3221");
    assert.equal(get_running_loop().time(), 3221);
  }),
);

Deno.test(
  "with_retries: a caller that gives up after an hour gets TimeoutError at 3600 s",
  asyncio_test(async () => {
    const server = flaky_server(Infinity, -1);
    let outcome: unknown = "answered";
    try {
      await async_with(
        timeout(3600),
        () => with_retries(server.request, { first_delay: 1, max_delay: 300, attempt_timeout: 10 }),
      );
    } catch (error) {
      outcome = error;
    }
    assert.ok(outcome instanceof TimeoutError, `got ${outcome}`);
    assert.equal(get_running_loop().time(), 3600);
    assert.equal(server.attempts.length, 20);
  }),
);

Deno.test(
  "heartbeat: 240 beats in an hour, and the monitor notices 45 s after they stop",
  asyncio_test(async () => {
    const loop = get_running_loop();
    const beats = new Event();
    const times: number[] = [];
    const heart = create_task(heartbeat(() => {
      times.push(loop.time());
      beats.set();
    }, 15));
    const watcher = create_task(monitor(beats, 45));

    await advance(3600 - 1); // just short of the hour: 240 beats, at 0, 15, ..., 3585
    assert.equal(times.length, 240);
    assert.ok(times.every((at, i) => at === i * 15));
    assert.equal(watcher.done(), false);

    heart.cancel(); // the peer goes quiet at 3599 s; its last beat was at 3585 s
    await advance(30);
    assert.equal(watcher.done(), false, "noticed too early");
    await advance(1);
    assert.equal(await watcher, 3585 + 45);
  }, { clock: "manual" }),
);
