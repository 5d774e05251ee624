/**
 * `deno task build:npm`: builds the npm package and the browser build from
 * the same sources JSR publishes.
 *
 * - `dist/npm/`: ESM (`mod.js`, `testing.js` and their shared chunks, by
 *   esbuild), declarations (`types/`, by TypeScript's declaration emit),
 *   `package.json` with `exports` for `.` and `./testing`, README and LICENSE.
 *   `./io` is left out: streams and subprocesses are built on Deno's APIs.
 * - `dist/browser/asyncio.js`: the core as one ESM file.
 * - with `--pack`: `dist/aiots-asyncio-VERSION.tgz`, the `npm pack` tarball.
 *
 * The tools are the npm packages pinned in `tools/npm/package.json`,
 * installed there (`npm ci`, never globally) when missing.
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url).pathname;
const TOOLS = `${ROOT}tools/npm/`;
const BIN = `${TOOLS}node_modules/.bin/`;
const NPM_DIR = `${ROOT}dist/npm/`;
const BROWSER_DIR = `${ROOT}dist/browser/`;

/** Runs a command in `cwd`, its output passed through; throws when it fails. */
async function sh(command: string, args: string[], cwd = ROOT): Promise<void> {
  const { success, code } = await new Deno.Command(command, {
    args,
    cwd,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!success) throw new Error(`${command} ${args.join(" ")} exited with ${code}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** `npm ci` of the pinned tools, unless this lock file's tools are installed already. */
export async function install_tools(): Promise<void> {
  const lock = await Deno.readTextFile(`${TOOLS}package-lock.json`);
  const stamp = `${TOOLS}node_modules/.installed-from-lock.json`;
  if (await exists(stamp) && await Deno.readTextFile(stamp) === lock) return;
  await sh("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TOOLS);
  await Deno.writeTextFile(stamp, lock);
}

/**
 * Declaration files import each other as `./x.js`, the files the package
 * has: TypeScript keeps the sources' `.ts` specifiers in them.
 */
async function rewrite_declaration_imports(dir: string): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) await rewrite_declaration_imports(path);
    else if (entry.name.endsWith(".d.ts")) {
      const text = await Deno.readTextFile(path);
      await Deno.writeTextFile(
        path,
        text.replace(/((?:from |import\(|import )\s*["']\.{1,2}\/[^"']*)\.ts(["'])/g, "$1.js$2"),
      );
    }
  }
}

/** Options esbuild gets for every build: names kept, as tasks and reprs show them. */
const ESBUILD_COMMON = ["--bundle", "--format=esm", "--target=es2022", "--keep-names"];

async function build_package(version: string): Promise<void> {
  await sh(`${BIN}esbuild`, [
    "mod.ts",
    "testing.ts",
    ...ESBUILD_COMMON,
    "--platform=neutral",
    "--splitting",
    `--outdir=${NPM_DIR}`,
    "--chunk-names=_chunks/[name]-[hash]",
    "--log-level=warning",
  ]);
  const tsconfig = `${ROOT}dist/tsconfig.types.json`;
  // V8's Error.stackTraceLimit, which Deno's types and @types/node declare, the DOM's do not.
  const v8_types = `${ROOT}dist/v8.d.ts`;
  await Deno.writeTextFile(v8_types, "interface ErrorConstructor { stackTraceLimit: number }\n");
  await Deno.writeTextFile(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "bundler",
        lib: ["ESNext", "DOM"],
        types: [],
        strict: true,
        skipLibCheck: true,
        declaration: true,
        emitDeclarationOnly: true,
        allowImportingTsExtensions: true,
        rewriteRelativeImportExtensions: true,
        rootDir: ROOT,
        outDir: `${NPM_DIR}types`,
      },
      files: [`${ROOT}mod.ts`, `${ROOT}testing.ts`, v8_types],
    }),
  );
  await sh(`${BIN}tsc`, ["-p", tsconfig]);
  await Deno.remove(tsconfig);
  await Deno.remove(v8_types);
  await rewrite_declaration_imports(`${NPM_DIR}types`);
  // `using` guards and `Symbol.asyncDispose` are in the types: a project
  // whose `lib` predates them still checks.
  for (const entry of ["mod", "testing"]) {
    const path = `${NPM_DIR}types/${entry}.d.ts`;
    await Deno.writeTextFile(
      path,
      `/// <reference lib="esnext.disposable" />\n${await Deno.readTextFile(path)}`,
    );
  }
  const manifest = {
    name: "@aiots/asyncio",
    version,
    description:
      "Python's asyncio for TypeScript: an event loop, Futures, Tasks with cancellation, gather, TaskGroup, queues, locks and a virtual clock",
    license: "MIT",
    type: "module",
    exports: {
      ".": { types: "./types/mod.d.ts", default: "./mod.js" },
      "./testing": { types: "./types/testing.d.ts", default: "./testing.js" },
      "./package.json": "./package.json",
    },
    types: "./types/mod.d.ts",
    files: ["mod.js", "testing.js", "_chunks/", "types/", "README.md", "LICENSE"],
    // process.getBuiltinModule (for AsyncLocalStorage and worker_threads).
    engines: { node: ">=20.16" },
    keywords: ["asyncio", "event loop", "task", "cancellation", "coroutine", "virtual clock"],
  };
  await Deno.writeTextFile(`${NPM_DIR}package.json`, JSON.stringify(manifest, null, 2) + "\n");
  await Deno.copyFile(`${ROOT}LICENSE`, `${NPM_DIR}LICENSE`);
  await Deno.writeTextFile(`${NPM_DIR}README.md`, await npm_readme());
}

/**
 * The package's README: the repository's, with links into the repository
 * made absolute (they point at files the package does not carry).
 */
async function npm_readme(): Promise<string> {
  const text = await Deno.readTextFile(`${ROOT}README.md`);
  const base = "https://jsr.io/@aiots/asyncio/";
  return text.replace(
    /\]\((?![a-z]+:|#)([^)\s]+)\)/g,
    (_, target: string) => `](${base}${target})`,
  );
}

async function build_browser(): Promise<void> {
  await sh(`${BIN}esbuild`, [
    "mod.ts",
    ...ESBUILD_COMMON,
    "--platform=browser",
    `--outfile=${BROWSER_DIR}asyncio.js`,
    "--log-level=warning",
  ]);
}

/** `npm pack` of `dist/npm` into `dist/`; returns the tarball's path. */
async function pack(): Promise<string> {
  const output = await new Deno.Command("npm", {
    args: ["pack", "--json", "--pack-destination", `${ROOT}dist`],
    cwd: NPM_DIR,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error("npm pack failed");
  const [{ filename }] = JSON.parse(new TextDecoder().decode(output.stdout));
  return `${ROOT}dist/${filename}`;
}

if (import.meta.main) {
  const version = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)).version as string;
  await install_tools();
  await Deno.remove(`${ROOT}dist`, { recursive: true }).catch(() => {});
  await Deno.mkdir(NPM_DIR, { recursive: true });
  await build_package(version);
  await build_browser();
  console.log(`built ${NPM_DIR} (@aiots/asyncio@${version}) and ${BROWSER_DIR}asyncio.js`);
  if (Deno.args.includes("--pack")) console.log(`packed ${await pack()}`);
}
