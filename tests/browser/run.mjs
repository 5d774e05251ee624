/**
 * The browser suite: real headless Chromium (Debian's `chromium`, driven by
 * the pinned `puppeteer-core` of `tools/npm`) loads the browser build,
 * `dist/browser/asyncio.js`, one ESM file, through an import map, and runs:
 *
 * - the conformance programs that need no I/O (the ones the Node suite runs),
 *   each in a fresh page, their console output compared with the stored
 *   CPython output `tests/conformance/NAME.out`;
 * - `tests/browser/programs/*.ts`: programs that mix `fetch` to this
 *   script's local HTTP server with tasks, checking what docs/ordering.md
 *   promises for a runtime without `AsyncLocalStorage`; each prints its
 *   checks and ends with `ok`.
 *
 * Run by Node after `deno task build:npm` (`deno task test:browser`).
 * Prints `chromium conformance: P passed, F failed` and
 * `chromium programs: P passed, F failed`; exits non-zero when anything failed.
 */

import { createRequire } from "node:module";
import { createServer } from "node:http";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = join(ROOT, "dist/browser-suite");
const require = createRequire(join(ROOT, "tools/npm/package.json"));
const esbuild = require("esbuild");
const puppeteer = require("puppeteer-core");

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** Programs that use Deno's APIs (sockets, subprocesses, signals): not for a browser. */
const DENO_ONLY_PROGRAM = /\bDeno\.|\/io\.ts"/;

/**
 * Programs marked `// needs: AsyncLocalStorage`: several tasks reading context variables across
 * foreign awaits at once, or eager async-function tasks (docs/ordering.md), which browsers lack.
 */
const NEEDS_ASYNC_CONTEXT = /^\/\/ needs: AsyncLocalStorage\b/m;
const PROGRAM_TIMEOUT_MS = 60_000;

/** Bundles `entries` (paths) into `WORK/sub/`, the package left to the page's import map. */
async function bundle(sub, entries) {
  await esbuild.build({
    entryPoints: entries,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    keepNames: true,
    outdir: join(WORK, sub),
    logLevel: "error",
    external: ["@aiots/asyncio"],
    plugins: [{
      name: "package-entry",
      setup(build) {
        // The repository's entry point, imported as the published package.
        build.onResolve({ filter: /(^|\/)mod\.ts$/ }, () => ({
          path: "@aiots/asyncio",
          external: true,
        }));
      },
    }],
  });
}

/** The conformance programs a browser can run, sorted. */
async function conformance_programs() {
  const dir = join(ROOT, "tests/conformance");
  const names = [];
  const skipped = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith(".ts") || name.startsWith("_")) continue;
    const source = await readFile(join(dir, name), "utf8");
    if (DENO_ONLY_PROGRAM.test(source) || NEEDS_ASYNC_CONTEXT.test(source)) {
      skipped.push(name.slice(0, -3));
    } else names.push(name.slice(0, -3));
  }
  return { names, skipped };
}

/** The page every program runs in: it collects console output and reports the program's end. */
const RUN_PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "@aiots/asyncio": "/lib/asyncio.js" } }</script>
<script type="module">
const lines = [];
const format = (value) => typeof value === "string" ? value : String(value);
for (const method of ["log", "info", "debug"]) {
  console[method] = (...args) => lines.push(args.map(format).join(" "));
}
const errors = [];
addEventListener("error", (event) => errors.push(String(event.error?.stack ?? event.message)));
addEventListener("unhandledrejection", (event) => errors.push("unhandled rejection: " + String(event.reason?.stack ?? event.reason)));
const src = new URLSearchParams(location.search).get("src");
try {
  await import(src);
} catch (error) {
  errors.push(String(error?.stack ?? error));
}
// Let stray callbacks report before the result is read.
await new Promise((resolve) => setTimeout(resolve, 0));
window.__result = { lines, errors };
</script>`;

const CONTENT_TYPES = { ".js": "text/javascript", ".html": "text/html" };

/**
 * The test server: the page, the build, the bundled programs, and an API the
 * fetch programs call: `/api/delay?ms=M&value=V` answers `{ value }` after M
 * ms; `/api/hang` never answers (until the client aborts, which
 * `/api/aborted` counts).
 */
function start_server() {
  let aborted = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    const send = (status, type, body) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    try {
      if (url.pathname === "/run.html") return send(200, "text/html", RUN_PAGE);
      if (url.pathname === "/api/delay") {
        const ms = Number(url.searchParams.get("ms") ?? 0);
        const value = url.searchParams.get("value");
        setTimeout(() => send(200, "application/json", JSON.stringify({ value })), ms);
        return;
      }
      if (url.pathname === "/api/hang") {
        request.on("close", () => {
          if (!response.writableEnded) aborted++;
        });
        return;
      }
      if (url.pathname === "/api/aborted") {
        return send(200, "application/json", JSON.stringify({ aborted }));
      }
      const file = url.pathname === "/lib/asyncio.js"
        ? join(ROOT, "dist/browser/asyncio.js")
        : join(WORK, url.pathname.replace(/^\/+/, "").replace(/\.\.+/g, ""));
      send(200, CONTENT_TYPES[extname(file)] ?? "application/octet-stream", await readFile(file));
    } catch {
      send(404, "text/plain", "not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** Runs the program at `src` in a fresh page: its console lines and errors. */
async function run_in_page(browser, origin, src) {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/run.html?src=${encodeURIComponent(src)}`);
    await page.waitForFunction(() => globalThis.__result !== undefined, {
      timeout: PROGRAM_TIMEOUT_MS,
      polling: 50,
    });
    return await page.evaluate(() => globalThis.__result);
  } catch (error) {
    return { lines: [], errors: [`the page did not finish: ${error.message}`] };
  } finally {
    await page.close();
  }
}

async function main() {
  await rm(WORK, { recursive: true, force: true });
  const { names, skipped } = await conformance_programs();
  await bundle("conformance", names.map((n) => join(ROOT, "tests/conformance", `${n}.ts`)));
  const program_dir = join(ROOT, "tests/browser/programs");
  const programs = (await readdir(program_dir))
    .filter((n) => n.endsWith(".ts") && !n.startsWith("_")).sort();
  await bundle("programs", programs.map((n) => join(program_dir, n)));

  const server = await start_server();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "aiots-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  let failed = 0;
  try {
    console.log(`chromium ${await browser.version()}`);
    let passed = 0;
    const failures = [];
    for (const name of names) {
      const expected = await readFile(join(ROOT, "tests/conformance", `${name}.out`), "utf8");
      const result = await run_in_page(browser, origin, `/conformance/${name}.js`);
      const text = result.lines.map((line) => `${line}\n`).join("");
      if (text === expected && result.errors.length === 0) passed++;
      else {
        failures.push(name);
        console.log(
          `FAILED conformance ${name}\n--- expected ---\n${expected}--- chromium ---\n${text}${
            result.errors.map((e) => `error: ${e}\n`).join("")
          }`,
        );
      }
    }
    console.log(
      `chromium conformance: ${passed} passed, ${failures.length} failed (${skipped.length} programs need Deno's APIs or AsyncLocalStorage: ${
        skipped.join(", ")
      })`,
    );
    failed += failures.length;

    let programs_passed = 0;
    const program_failures = [];
    for (const name of programs) {
      const base = name.slice(0, -3);
      const result = await run_in_page(browser, origin, `/programs/${base}.js`);
      const ok = result.errors.length === 0 && result.lines.at(-1) === "ok";
      for (const line of result.lines) console.log(`  ${base}: ${line}`);
      if (ok) programs_passed++;
      else {
        program_failures.push(base);
        console.log(
          `FAILED program ${base}\n${result.errors.map((e) => `error: ${e}\n`).join("")}`,
        );
      }
    }
    console.log(
      `chromium programs: ${programs_passed} passed, ${program_failures.length} failed`,
    );
    failed += program_failures.length;
  } finally {
    await browser.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
  process.exit(failed === 0 ? 0 : 1);
}

await main();
