/**
 * The Node suite: Node (20 or later, `node` on the PATH) runs the conformance
 * programs and the core test files against the BUILT npm package, installed
 * from its packed tarball into `dist/node-suite/` as a user would.
 *
 * - Conformance: each `tests/conformance/NAME.ts` whose program needs no Deno
 *   API, bundled by esbuild with `@aiots/asyncio` left as an import of the
 *   installed package, run by `node`, its output compared with the stored
 *   CPython output `NAME.out`.
 * - Core tests: each `tests/*_test.ts` that imports only the public entry
 *   points (`mod.ts`, `testing.ts`) and uses no Deno API, and the Node-only
 *   `tests/node/node_only_*.ts`, bundled the same way with `Deno.test` from
 *   `deno_shim.ts`, each file run by `node --expose-gc`; the tests in `KNOWN`
 *   are Deno-only and are reported apart, not counted as failures.
 *
 * - Stress: the seeded foreign-await programs of `tests/stress`, bundled the
 *   same way, `STRESS_SEEDS` seeds in each mode (tracked, `track_tasks`,
 *   untracked, and without `AsyncLocalStorage`).
 *
 * Run `deno task build:npm` first (`deno task test:runtimes` does both).
 * Prints `node conformance: P passed, F failed` and `node core tests: ...`;
 * exits non-zero when anything failed.
 *
 * @module
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const WORK = `${ROOT}dist/node-suite/`;
const ESBUILD = `${ROOT}tools/npm/node_modules/.bin/esbuild`;

/**
 * Conformance programs left out, with why: they use Deno's APIs (sockets,
 * subprocesses, signals), which the npm package does not offer.
 */
const DENO_ONLY_PROGRAM = /\bDeno\.|\/io\.ts"/;

/**
 * Core tests that are Deno's, not the library's, on Node: test name, and why.
 */
const KNOWN: Record<string, string> = {
  "WorkerPoolExecutor: a worker that dies fails its call; a new worker runs the next":
    "its jobs end their workers with self.close() and Deno.exit(); a Node worker has neither (process.exit() is tested in tests/node/node_only_workers.ts)",
  "WorkerPoolExecutor: gather over calls that fail every way settles each with its own":
    "one job ends its worker with self.close(), which a Node worker lacks",
};

async function run(
  command: string,
  args: string[],
  options: { cwd?: string; timeout_ms?: number } = {},
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const child = new Deno.Command(command, {
    args,
    cwd: options.cwd ?? ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // it ended meanwhile
    }
  }, options.timeout_ms ?? 120_000);
  const output = await child.output();
  clearTimeout(timer);
  const decoder = new TextDecoder();
  return {
    ok: output.success,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function must(command: string, args: string[], cwd?: string): Promise<string> {
  const result = await run(command, args, { cwd });
  if (!result.ok) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** The source with the repository's entry points imported as the package. */
function as_package_import(source: string, depth: "../" | "../../"): string {
  return source
    .replaceAll(`"${depth}mod.ts"`, `"@aiots/asyncio"`)
    .replaceAll(`"${depth}testing.ts"`, `"@aiots/asyncio/testing"`);
}

/** The packed tarball `deno task build:npm` made. */
function tarball(): string {
  const tarballs = [...Deno.readDirSync(`${ROOT}dist`)]
    .filter((e) => e.isFile && /^aiots-asyncio-.*\.tgz$/.test(e.name));
  if (tarballs.length !== 1) throw new Error("no packed tarball in dist/: run deno task build:npm");
  return `${ROOT}dist/${tarballs[0].name}`;
}

/** Installs the packed tarball in `WORK` (a fresh directory). */
async function install_package(): Promise<void> {
  await Deno.remove(WORK, { recursive: true }).catch(() => {});
  await Deno.mkdir(WORK, { recursive: true });
  await Deno.writeTextFile(
    `${WORK}package.json`,
    JSON.stringify({ name: "node-suite", private: true, type: "module" }),
  );
  await must("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--offline",
    tarball(),
  ], WORK);
}

/** Copies `files` (rewritten) into `WORK/src/SUB/`, bundles them into `WORK/SUB/` as `.mjs`. */
async function bundle(
  sub: string,
  files: { name: string; source: string }[],
  entries: string[],
  extra: string[] = [],
): Promise<void> {
  const src = `${WORK}src/${sub}/`;
  await Deno.mkdir(src, { recursive: true });
  for (const file of files) await Deno.writeTextFile(`${src}${file.name}`, file.source);
  await must(ESBUILD, [
    ...entries.map((name) => `${src}${name}`),
    "--bundle",
    "--format=esm",
    "--platform=node",
    "--target=node20",
    "--keep-names",
    "--external:@aiots/asyncio",
    "--external:@aiots/asyncio/testing",
    `--outdir=${WORK}${sub}`,
    "--out-extension:.js=.mjs",
    "--log-level=error",
    ...extra,
  ]);
}

/** Runs at most `limit` of `jobs` at a time, in order of start. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  async function lane(): Promise<void> {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  }
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

async function conformance(): Promise<{ passed: number; failed: string[]; skipped: string[] }> {
  const dir = `${ROOT}tests/conformance/`;
  const files: { name: string; source: string }[] = [];
  const entries: string[] = [];
  const skipped: string[] = [];
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name < b.name ? -1 : 1)) {
    if (!entry.name.endsWith(".ts")) continue;
    const source = as_package_import(await Deno.readTextFile(dir + entry.name), "../../");
    files.push({ name: entry.name, source });
    if (entry.name.startsWith("_")) continue;
    if (DENO_ONLY_PROGRAM.test(source)) skipped.push(entry.name.slice(0, -3));
    else entries.push(entry.name);
  }
  await bundle("conformance", files, entries);
  const results = await pool(
    entries.map((name) => async () => {
      const base = name.slice(0, -3);
      const expected = await Deno.readTextFile(`${dir}${base}.out`);
      const result = await run("node", [`${WORK}conformance/${base}.mjs`], { timeout_ms: 60_000 });
      const text = result.ok ? result.stdout : `${result.stdout}\n--- stderr ---\n${result.stderr}`;
      return { base, ok: text === expected, text, expected };
    }),
    2,
  );
  const failed: string[] = [];
  for (const r of results) {
    if (r.ok) continue;
    failed.push(r.base);
    console.log(
      `FAILED conformance ${r.base}\n--- expected ---\n${r.expected}--- node ---\n${r.text}`,
    );
  }
  return { passed: results.length - failed.length, failed, skipped };
}

async function core_tests(): Promise<{
  passed: number;
  failed: string[];
  known: string[];
  skipped: string[];
}> {
  const dir = `${ROOT}tests/`;
  const files: { name: string; source: string }[] = [];
  const entries: string[] = [];
  const skipped: string[] = [];
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name < b.name ? -1 : 1)) {
    if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
    const source = as_package_import(await Deno.readTextFile(dir + entry.name), "../");
    files.push({ name: entry.name, source });
    if (!entry.name.endsWith("_test.ts")) continue;
    // Only the public entry points, as the package offers them, and no Deno API
    // (`import "../io.ts"` alone fills the loop's I/O methods: Deno-only too).
    // (`Deno.exit` appears only in a job that executors_test sends to a worker.)
    const internal =
      /(?:from|import) "\.\.\/(?:lib\/|io\.ts)|from "@sinonjs|Deno\.(?!test\b|exit\b)/
        .test(source);
    if (internal) skipped.push(entry.name);
    else entries.push(entry.name);
  }
  for (const entry of [...Deno.readDirSync(`${dir}node/`)]) {
    if (!/^node_only_.*\.ts$/.test(entry.name)) continue;
    const source = as_package_import(await Deno.readTextFile(`${dir}node/${entry.name}`), "../../");
    files.push({ name: entry.name, source });
    entries.push(entry.name);
  }
  await Deno.copyFile(`${ROOT}tests/node/deno_shim.ts`, `${WORK}src/deno_shim.ts`).catch(
    async () => {
      await Deno.mkdir(`${WORK}src`, { recursive: true });
      for (const entry of [...Deno.readDirSync(`${dir}node/`)]) {
        if (!/^node_only_.*\.ts$/.test(entry.name)) continue;
        const source = as_package_import(
          await Deno.readTextFile(`${dir}node/${entry.name}`),
          "../../",
        );
        files.push({ name: entry.name, source });
        entries.push(entry.name);
      }
      await Deno.copyFile(`${ROOT}tests/node/deno_shim.ts`, `${WORK}src/deno_shim.ts`);
    },
  );
  await bundle("core", files, entries, [
    `--inject:${WORK}src/deno_shim.ts`,
    "--footer:js=await globalThis.__run_deno_tests();",
  ]);
  const results = await pool(
    entries.map((name) => async () => {
      const base = name.slice(0, -3);
      const result = await run("node", ["--expose-gc", `${WORK}core/${base}.mjs`], {
        timeout_ms: 300_000,
      });
      return { name, result };
    }),
    2,
  );
  let passed = 0;
  const failed: string[] = [];
  const known: string[] = [];
  for (const { name, result } of results) {
    const lines = result.stdout.split("\n");
    if (!lines.some((line) => line.startsWith("summary: "))) {
      failed.push(`${name} (did not finish)`);
      console.log(`FAILED ${name}: did not finish\n${result.stdout}${result.stderr}`);
      continue;
    }
    for (const line of lines) {
      if (line.startsWith("ok ")) passed++;
      else if (line.startsWith("FAILED ")) {
        const failure = line.slice("FAILED ".length);
        const test = Object.keys(KNOWN).find((name) => failure.startsWith(`${name}: `));
        if (test !== undefined) known.push(`${test} (${KNOWN[test]})`);
        else {
          failed.push(`${name}: ${failure}`);
          console.log(`FAILED ${name}: ${failure}`);
        }
      }
    }
  }
  return { passed, failed, known, skipped };
}

/**
 * What the README shows for Node: in a fresh directory, `npm init`, `npm
 * install` of the tarball, then `examples/chaining.ts` compiled to
 * JavaScript (its output compared with Deno's), the README's `taskgroup.js`
 * (its output compared with the comment on its last line), and the
 * package's types checked by `tsc` with Node's module resolution.
 */
async function fresh_install(): Promise<{ passed: number; failed: string[] }> {
  const dir = `${ROOT}dist/node-fresh/`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(dir, { recursive: true });
  await must("npm", ["init", "-y"], dir);
  await must("npm", ["pkg", "set", "type=module"], dir);
  await must("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball()], dir);
  const failed: string[] = [];

  await Deno.writeTextFile(
    `${dir}chaining.ts`,
    as_package_import(await Deno.readTextFile(`${ROOT}examples/chaining.ts`), "../"),
  );
  await must(ESBUILD, [
    `${dir}chaining.ts`,
    "--format=esm",
    `--outfile=${dir}chaining.js`,
    "--banner:js=const Deno = { args: process.argv.slice(2) };",
    "--log-level=error",
  ]);
  const deno_out = await must(Deno.execPath(), [
    "run",
    "--quiet",
    `${ROOT}examples/chaining.ts`,
    "--virtual",
  ]);
  const node_out = await run("node", [`${dir}chaining.js`, "--virtual"], { cwd: dir });
  if (!node_out.ok || node_out.stdout !== deno_out) {
    failed.push("examples/chaining");
    console.log(`FAILED examples/chaining under node\n${node_out.stdout}${node_out.stderr}`);
  }

  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  const snippet = /```js\n(\/\/ taskgroup\.js\n[\s\S]*?)```/.exec(readme)?.[1];
  if (snippet === undefined) {
    throw new Error("README.md has no ```js block starting // taskgroup.js");
  }
  await Deno.writeTextFile(`${dir}taskgroup.js`, snippet);
  const promised = snippet.trim().split("\n").at(-1)!.replace(/^.*\/\/ /, "");
  const taskgroup = await run("node", ["taskgroup.js"], { cwd: dir });
  if (!taskgroup.ok || taskgroup.stdout !== `${promised}\n`) {
    failed.push("README taskgroup.js");
    console.log(`FAILED README taskgroup.js under node\n${taskgroup.stdout}${taskgroup.stderr}`);
  }

  // The package's types, as a TypeScript project with Node's module resolution sees them.
  await Deno.writeTextFile(
    `${dir}types_check.ts`,
    `import { async_with, coroutine, gather, Lock, sleep, TaskGroup } from "@aiots/asyncio";
import { asyncio_test } from "@aiots/asyncio/testing";
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
const proof = <T extends true>() => {};
export const main = coroutine(async () => {
  const results = await gather(sleep(1, "x"), sleep(1, 2), { return_exceptions: true });
  proof<Equal<typeof results, [string | Error, number | Error]>>();
  const n = await async_with(new Lock(), async () => 1);
  const m = await async_with(new TaskGroup(), async () => "two");
  proof<Equal<[typeof n, typeof m], [number, string]>>();
});
export const test = asyncio_test(async () => {});
`,
  );
  await Deno.writeTextFile(
    `${dir}tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: [],
        strict: true,
        noEmit: true,
      },
      files: ["types_check.ts"],
    }),
  );
  const tsc = await run(`${ROOT}tools/npm/node_modules/.bin/tsc`, ["-p", dir], { cwd: dir });
  if (!tsc.ok) {
    failed.push("types");
    console.log(`FAILED the package's types under tsc\n${tsc.stdout}${tsc.stderr}`);
  }
  return { passed: 3 - failed.length, failed };
}

/** The seeded foreign-await stress (tests/stress) under Node, in each mode. */
const STRESS_SEEDS = 300;
const STRESS_MODES: [string, string[]][] = [
  ["foreign first (tracked)", ["--foreign-first"]],
  ["track_tasks", ["--track-tasks"]],
  ["untracked", []],
  ["no AsyncLocalStorage", ["--no-async-context"]],
];

async function stress(): Promise<{ lines: string[]; failed: number }> {
  const dir = `${ROOT}tests/stress/`;
  const files = [];
  for (const name of ["foreign_stress.ts", "foreign_program.ts"]) {
    files.push({ name, source: as_package_import(await Deno.readTextFile(dir + name), "../../") });
  }
  await bundle("stress", files, ["foreign_stress.ts"]);
  const lines: string[] = [];
  let failed = 0;
  for (const [mode, flags] of STRESS_MODES) {
    const result = await run(
      "node",
      [`${WORK}stress/foreign_stress.mjs`, "--count", String(STRESS_SEEDS), ...flags],
      { timeout_ms: 300_000 },
    );
    const summary = result.stdout.trim().split("\n").at(-1) ?? "";
    if (!result.ok) {
      failed++;
      console.log(`FAILED stress ${mode}\n${result.stdout}${result.stderr}`);
    }
    lines.push(`${mode}: ${summary}`);
  }
  return { lines, failed };
}

if (import.meta.main) {
  const version = await must("node", ["--version"]);
  console.log(`node ${version.trim()}`);
  await install_package();
  const c = await conformance();
  const t = await core_tests();
  console.log(
    `node conformance: ${c.passed} passed, ${c.failed.length} failed (${c.skipped.length} programs need Deno's APIs: ${
      c.skipped.join(", ")
    })`,
  );
  console.log(
    `node core tests: ${t.passed} passed, ${t.failed.length} failed, ${t.known.length} Deno-only${
      t.known.length > 0 ? ` (${t.known.join("; ")})` : ""
    } (files left out, internal modules or Deno APIs: ${t.skipped.join(", ")})`,
  );
  const f = await fresh_install();
  console.log(
    `node fresh install: ${f.passed} passed, ${f.failed.length} failed (examples/chaining, README taskgroup.js, types under tsc)`,
  );
  const st = await stress();
  for (const line of st.lines) console.log(`node foreign-await stress, ${line}`);
  if (c.failed.length + t.failed.length + f.failed.length + st.failed > 0) Deno.exit(1);
}
