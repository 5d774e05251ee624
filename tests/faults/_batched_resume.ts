/**
 * Run as a script (`deno run -A _batched_resume.ts [CHAIN]`), without
 * `AsyncLocalStorage`, as in a browser: an untracked task comes back from a
 * foreign promise that the host settles in the same batch as the loop's
 * host turn (Deno resolves the promises of all the ops that completed, two
 * `MessageChannel` messages here, before it runs their microtasks), then
 * runs CHAIN plain microtasks and takes a lock, while other tasks take the
 * same lock in steps. Prints one JSON line: for each task, the names
 * `current_task()` gave at its library awaits; or, if the program did not
 * end within 5 s, the tasks left.
 *
 * @module
 */

// deno-lint-ignore no-explicit-any
delete (globalThis as any).process; // before the library loads: no AsyncLocalStorage
const { async_with, coroutine, create_task, current_task, gather, Lock, run, sleep } = await import(
  "../../mod.ts"
);

const CHAIN = Number(Deno.args[0] ?? 0);
const channel = new MessageChannel();
const lock = new Lock();

/** Takes the lock `times` times, for a step each; the names `current_task()` gave inside. */
async function take_lock(times: number): Promise<string> {
  const seen = new Set<string>();
  for (let i = 0; i < times; i++) {
    await async_with(lock, async () => {
      await sleep(0);
      seen.add(current_task()?.get_name() ?? "null");
    });
  }
  return [...seen].join(",");
}

const foreign = coroutine(async function foreign() {
  const message = new Promise((resolve) => channel.port1.onmessage = resolve);
  // Posted during the step: it arrives with the message of the host turn
  // the loop takes when it sees the step is not back.
  channel.port2.postMessage(null);
  await message;
  for (let i = 0; i < CHAIN; i++) await null;
  return await take_lock(3);
});

const busy = coroutine(async function busy() {
  return await take_lock(40);
});

const results = await run(
  coroutine(async function main() {
    const tasks = [
      create_task(foreign(), { name: "foreign" }),
      ...[1, 2, 3].map((n) => create_task(busy(), { name: `busy${n}` })),
    ];
    const timer = setTimeout(() => {
      console.log(JSON.stringify({ hung: tasks.map(String) }));
      Deno.exit(2);
    }, 5000);
    try {
      return await gather(...tasks, { return_exceptions: true });
    } finally {
      clearTimeout(timer);
    }
  })(),
);
channel.port1.close();
console.log(
  JSON.stringify(results.map((result) => result instanceof Error ? `${result}` : result)),
);
