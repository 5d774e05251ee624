/**
 * A/B of the core workloads between two versions of the library, for a
 * change's note: `deno run -A bench/ab.ts <A> <B> [--rounds N] [--only a,b]`,
 * where A and B are git revisions (exported with `git archive`) or
 * directories holding a `mod.ts`.
 *
 * Why in one process: on a shared machine a whole process can run a
 * workload at half speed, and best-of-N inside it does not help. Here both
 * versions are loaded into one process and each workload runs on them in
 * turn, so such a process slows both alike; a run's figure is the median of
 * the B/A ratios of its pairs. The version loaded second is favoured by a few
 * percent, so the script runs twice, once in each load order, and prints the
 * geometric mean of the two.
 *
 * @module
 */

import { parseArgs } from "node:util";

type Library = typeof import("../mod.ts");

/** The workloads of the notes' A/B tables: each makes a fresh main coroutine. */
function workloads(lib: Library): Record<string, () => unknown> {
  const { async_with, coroutine, create_task, gather, Lock, Queue, sleep, wait_for } = lib;
  const child_async = coroutine(async () => {
    await sleep(0);
  });
  const child_generator = coroutine(function* () {
    yield* sleep(0);
  });
  const spawn = (child: () => unknown) =>
    coroutine(async () => {
      const tasks = [];
      for (let i = 0; i < 100_000; i++) tasks.push(create_task(child() as never));
      for (const task of tasks) await task;
    })();
  return {
    "await sleep(0) x300k": () =>
      coroutine(async () => {
        for (let i = 0; i < 300_000; i++) await sleep(0);
      })(),
    "yield* sleep(0) x300k": () =>
      coroutine(function* () {
        for (let i = 0; i < 300_000; i++) yield* sleep(0);
      })(),
    "spawn+await async x100k": () => spawn(child_async),
    "spawn+await generator x100k": () => spawn(child_generator),
    "gather async x100k": () =>
      coroutine(async () => {
        await gather(Array.from({ length: 100_000 }, () => child_async()));
      })(),
    "wait_for async x10k": () =>
      coroutine(async () => {
        for (let i = 0; i < 10_000; i++) await wait_for(child_async(), 10);
      })(),
    "Lock async_with 100x1000": () =>
      coroutine(async () => {
        const lock = new Lock();
        const worker = coroutine(async () => {
          for (let i = 0; i < 1000; i++) {
            await async_with(lock, async () => {
              await sleep(0);
            });
          }
        });
        await gather(Array.from({ length: 100 }, () => worker()));
      })(),
    "Queue ping-pong x100k": () =>
      coroutine(async () => {
        const ping = new Queue<number>(1), pong = new Queue<number>(1);
        const echo = create_task(
          coroutine(async () => {
            for (let i = 0; i < 100_000; i++) await pong.put(await ping.get());
          })(),
        );
        for (let i = 0; i < 100_000; i++) {
          await ping.put(i);
          await pong.get();
        }
        await echo;
      })(),
  };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) * q)];
}

/** One process: the B/A ratios' median, first and third quartile, per workload. */
async function measure(
  first: string,
  second: string,
  rounds: number,
  only: string[] | null,
): Promise<Record<string, [number, number, number]>> {
  const libraries = [
    await import(`file://${first}/mod.ts`) as Library,
    await import(`file://${second}/mod.ts`) as Library,
  ];
  const made = libraries.map(workloads);
  const figures: Record<string, [number, number, number]> = {};
  for (const name of Object.keys(made[0])) {
    if (only !== null && !only.some((prefix) => name.startsWith(prefix))) continue;
    const ratios: number[] = [];
    for (let round = -3; round < rounds; round++) { // three warm-up rounds
      const times = [0, 0];
      for (const which of round % 2 === 0 ? [0, 1] : [1, 0]) {
        const start = performance.now();
        await libraries[which].run(made[which][name]() as never, { clock: "virtual" });
        times[which] = performance.now() - start;
      }
      if (round >= 0) ratios.push(times[1] / times[0]);
    }
    figures[name] = [quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75)];
  }
  return figures;
}

/** The directories `checkout` made, removed at the end. */
const made_directories: string[] = [];

/** A directory holding the library at `version`: itself, or a `git archive` of the revision. */
async function checkout(version: string): Promise<string> {
  try {
    if ((await Deno.stat(`${version}/mod.ts`)).isFile) return await Deno.realPath(version);
  } catch {
    // not a directory: a git revision
  }
  const directory = await Deno.makeTempDir({ prefix: "asyncio_ab_" });
  made_directories.push(directory);
  const archive = new Deno.Command("git", { args: ["archive", version], stdout: "piped" }).spawn();
  const tar = new Deno.Command("tar", { args: ["-x", "-C", directory], stdin: "piped" }).spawn();
  await archive.stdout.pipeTo(tar.stdin);
  const [archived, extracted] = await Promise.all([archive.status, tar.status]);
  if (!archived.success || !extracted.success) {
    throw new Error(
      `bench/ab.ts: ${version} is neither a directory with mod.ts nor a git revision`,
    );
  }
  return directory;
}

/** Runs `measure` in a child process, so that each load order gets a fresh one. */
async function measure_in_child(
  first: string,
  second: string,
  rounds: number,
  only: string | undefined,
): Promise<Record<string, [number, number, number]>> {
  const args = ["run", "-A", import.meta.filename!, "--child", first, second, `--rounds=${rounds}`];
  if (only !== undefined) args.push(`--only=${only}`);
  const output = await new Deno.Command(Deno.execPath(), { args, stderr: "inherit" }).output();
  if (!output.success) throw new Error("bench/ab.ts: a measuring process failed");
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: {
      rounds: { type: "string", default: "24" },
      only: { type: "string" },
      child: { type: "boolean", default: false },
    },
  });
  const rounds = Number(values.rounds);
  if (positionals.length !== 2 || !Number.isInteger(rounds) || rounds < 1) {
    console.error("usage: deno run -A bench/ab.ts <A> <B> [--rounds N] [--only prefix,prefix]");
    Deno.exit(2);
  }
  if (values.child) {
    const only = values.only === undefined ? null : values.only.split(",");
    console.log(JSON.stringify(await measure(positionals[0], positionals[1], rounds, only)));
  } else {
    let a_first, b_first;
    try {
      const [a, b] = await Promise.all(positionals.map(checkout));
      a_first = await measure_in_child(a, b, rounds, values.only);
      b_first = await measure_in_child(b, a, rounds, values.only);
    } finally {
      for (const directory of made_directories) await Deno.remove(directory, { recursive: true });
    }
    console.log(
      `B/A per workload: ${positionals[1]} against ${positionals[0]}, ${rounds} pairs a run`,
    );
    console.log(
      "workload                       B/A    A loaded first (q1-q3)   B loaded first (q1-q3)",
    );
    for (const [name, [median, q1, q3]] of Object.entries(a_first)) {
      const [other, other_q1, other_q3] = b_first[name]; // A/B there: inverted below
      const both = Math.sqrt(median / other);
      console.log(
        `${name.padEnd(30)} ${both.toFixed(3)}  ${median.toFixed(3)} (${q1.toFixed(2)}-${
          q3.toFixed(2)
        })      ${(1 / other).toFixed(3)} (${(1 / other_q3).toFixed(2)}-${
          (1 / other_q1).toFixed(2)
        })`,
      );
    }
  }
}
