// Every library function that takes a Promise owns its rejection from the
// moment it is called: the error reaches the caller's try/catch (or, when
// the Promise is refused, the refusal does), never the host's
// unhandled-rejection report.
import {
  as_completed,
  async_with,
  coroutine,
  create_task,
  ensure_future,
  gather,
  new_event_loop,
  run,
  Runner,
  shield,
  sleep,
  TaskGroup,
  ValueError,
  wait,
  wait_for,
  wrap_future,
} from "../../mod.ts";
import { assertEquals, assertOk, unhandled_rejections } from "../_assert.ts";

/** A plain async function that fails after one loop iteration. */
async function fails_later(): Promise<never> {
  await sleep(0);
  throw new ValueError("failed later");
}

/**
 * Each way in, inside a running loop, given a maker of the failing Promise
 * that it calls where the Promise is passed to the library.
 */
const INSIDE: [string, (make: () => Promise<never>) => PromiseLike<unknown>][] = [
  ["wait_for", (make) => wait_for(make(), 5)],
  ["wait_for, no timeout", (make) => wait_for(make(), null)],
  ["wait (refused)", (make) => wait([make() as never])],
  ["gather", (make) => gather(make())],
  ["gather of an array", (make) => gather([make()])],
  ["shield", (make) => shield(make())],
  ["ensure_future", (make) => ensure_future(make())],
  ["wrap_future", (make) => wrap_future(make())],
  ["as_completed", (make) => as_completed([make()])[Symbol.iterator]().next().value!],
  ["create_task (refused)", (make) => create_task(make() as never)],
  ["TaskGroup.create_task (refused)", (make) =>
    async_with(new TaskGroup(), async (group) => {
      group.create_task(make() as never);
      await sleep(0);
    })],
];

for (const [way, take] of INSIDE) {
  Deno.test(`${way}: a Promise that fails later is the caller's error, never unhandled`, async () => {
    let caught: unknown = null;
    const unhandled = await unhandled_rejections(() =>
      run(
        coroutine(async () => {
          try {
            await take(fails_later);
          } catch (error) {
            caught = error;
          }
          for (let turn = 0; turn < 3; turn++) await sleep(0);
        })(),
        { clock: "virtual" },
      )
    );
    assertEquals(unhandled, []);
    assertOk(caught instanceof Error, `caught ${caught}`);
  });
}

/** Each way in from outside a loop. */
const OUTSIDE: [string, (p: Promise<never>) => Promise<unknown>][] = [
  ["run (refused)", (p) => run(p as never)],
  ["Runner.run (refused)", async (p) => {
    const runner = new Runner();
    try {
      return await runner.run(p as never);
    } finally {
      await runner.close();
    }
  }],
  ["loop.run_until_complete", async (p) => {
    const loop = new_event_loop({ clock: "virtual" });
    try {
      return await loop.run_until_complete(p);
    } finally {
      loop.close();
    }
  }],
];

for (const [way, take] of OUTSIDE) {
  Deno.test(`${way}: a Promise given from outside a loop is never unhandled`, async () => {
    const failing = (async () => {
      await null;
      throw new ValueError("failed later");
    })();
    let caught: unknown = null;
    const unhandled = await unhandled_rejections(() =>
      take(failing).catch((error) => caught = error)
    );
    assertEquals(unhandled, []);
    assertOk(caught instanceof ValueError || caught instanceof TypeError, `caught ${caught}`);
  });
}
