// A million tasks at once: no public path may hit V8's argument limit
// (a spread of more than about 120,000 values into one call).
import { all_tasks, coroutine, create_task, gather, run, sleep } from "../../mod.ts";
import { assertEquals, assertStrictEquals } from "../_assert.ts";

const TASKS = 1_000_000;

const async_sleeper = coroutine(async function async_sleeper(ended: { count: number }) {
  try {
    await sleep(3600);
  } finally {
    ended.count++;
  }
});

const generator_sleeper = coroutine(function* generator_sleeper(ended: { count: number }) {
  try {
    yield* sleep(3600);
  } finally {
    ended.count++;
  }
});

Deno.test(`run(): ${TASKS} tasks pending at exit are cancelled and run their finally`, async () => {
  const ended = { count: 0 };
  const started = performance.now();
  const main_result = await run(
    coroutine(async () => {
      for (let i = 0; i < TASKS; i++) {
        create_task(i % 2 === 0 ? async_sleeper(ended) : generator_sleeper(ended));
      }
      await sleep(0);
      assertStrictEquals(all_tasks().size, TASKS + 1);
      return "main's result";
    })(),
    { clock: "virtual" },
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = Deno.memoryUsage().rss / 2 ** 20;
  console.log(`${TASKS} tasks: ${seconds.toFixed(1)} s, rss ${rss.toFixed(0)} MiB after`);
  assertStrictEquals(main_result, "main's result");
  assertStrictEquals(ended.count, TASKS);
});

Deno.test("gather() of an array of 200,000 sleeps, with return_exceptions", async () => {
  const results = await run(
    coroutine(async () => {
      const sleepers = Array.from({ length: 200_000 }, (_, i) => sleep(1, i));
      return await gather(sleepers, { return_exceptions: true });
    })(),
    { clock: "virtual" },
  );
  assertStrictEquals(results.length, 200_000);
  assertStrictEquals(results[199_999], 199_999);
});

/** Spreads into a call that pass on a caller's own arguments, bounded by that call. */
const FORWARDED = new Set(["args"]);

Deno.test("no library source spreads an array into a call, except forwarded arguments", async () => {
  const root = new URL("../../", import.meta.url);
  const files = ["mod.ts", "io.ts", "testing.ts"];
  for await (const entry of Deno.readDir(new URL("lib/", root))) {
    if (entry.name.endsWith(".ts")) files.push(`lib/${entry.name}`);
  }
  const found: string[] = [];
  for (const file of files) {
    const lines = (await Deno.readTextFile(new URL(file, root))).split("\n");
    lines.forEach((line, index) => {
      if (/^\s*(\*|\/\/|\/\*)/.test(line)) return; // comments
      // `f(a, ...xs)` (not a rest parameter, which has a type), `f.apply(this, xs)`
      const spreads = line.matchAll(/[(,]\s*\.\.\.([\w$.]+)\s*[,)]/g);
      for (const [, name] of spreads) {
        if (!FORWARDED.has(name)) found.push(`${file}:${index + 1}: ...${name}`);
      }
      if (/\.apply\(|Reflect\.apply\(/.test(line) && !/, args\)/.test(line)) {
        found.push(`${file}:${index + 1}: ${line.trim()}`);
      }
    });
  }
  assertEquals(found, []);
});
