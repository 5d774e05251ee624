/**
 * The shape of `lib/`'s imports (see docs/contributing.md): run-time imports
 * go one way, so no module's load order matters, and the modules below the
 * loop do not import it at all, not even its types: they name a loop by the
 * `AbstractEventLoop` interface of `abstract_loop.ts`.
 */

import { assertEquals } from "./_assert.ts";

const LIB = new URL("../lib/", import.meta.url);

/** The modules `base_events.ts` imports at run time, which must not import it back. */
const BELOW_THE_LOOP = [
  "_checks.ts",
  "_debug.ts",
  "_running.ts",
  "coroutines.ts",
  "exceptions.ts",
  "futures.ts",
  "handles.ts",
  "tasks.ts",
];

/**
 * The modules that may import `base_events.ts` or `events.ts`: the loop
 * itself and those above it (see docs/contributing.md). Every other module
 * of `lib/` is below or beside the loop.
 */
const ABOVE_THE_LOOP = new Set([
  "base_events.ts",
  "events.ts",
  "runners.ts",
  "streams.ts",
  "subprocess.ts",
  "testing.ts",
  "threads.ts",
]);

/** The modules of `lib/` that `source` imports or re-exports from, types included. */
function all_imports(source: string): string[] {
  const statement = /^(?:import|export)\b[^;]*?"\.\/([\w.]+)";/gms;
  const type_query = /\bimport\(\s*"\.\/([\w.]+)"\s*\)/g;
  return [...source.matchAll(statement), ...source.matchAll(type_query)].map(([, target]) =>
    target
  );
}

/** Each module's run-time imports (`import type` and all-type lists left out), by file name. */
async function runtime_imports(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for await (const entry of Deno.readDir(LIB)) {
    if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
    const source = await Deno.readTextFile(new URL(entry.name, LIB));
    const targets: string[] = [];
    const statement = /^(?:import|export)\s+(type\s+)?([^;]*?)\s*"\.\/([\w.]+)";/gms;
    for (const [, type_only, names, target] of source.matchAll(statement)) {
      if (type_only) continue;
      const list = /\{([^}]*)\}/.exec(names);
      const bare = names.replace(/\{[^}]*\}/, "").replace(/from$/, "").replace(/,/g, "").trim();
      if (list !== null && bare === "") {
        const items = list[1].split(",").map((item) => item.trim()).filter((item) => item !== "");
        if (items.length > 0 && items.every((item) => item.startsWith("type "))) continue;
      }
      targets.push(target);
    }
    graph.set(entry.name, targets);
  }
  return graph;
}

/** The import cycles in `graph`, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, "open");
    path.push(module);
    for (const target of graph.get(module) ?? []) {
      if (state.get(target) === "open") found.push([...path.slice(path.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(module, "done");
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
  return found;
}

Deno.test("lib/: no module imports itself back at run time (no import cycle)", async () => {
  assertEquals(cycles(await runtime_imports()), []);
});

Deno.test("lib/: the modules below the loop do not import the loop at run time", async () => {
  const graph = await runtime_imports();
  const upward = BELOW_THE_LOOP.flatMap((module) =>
    (graph.get(module) ?? [])
      .filter((target) => target === "base_events.ts" || target === "events.ts")
      .map((target) => `${module} -> ${target}`)
  );
  assertEquals(upward, []);
});

Deno.test("lib/: the modules below the loop do not import it, not even for its types", async () => {
  const upward: string[] = [];
  for await (const entry of Deno.readDir(LIB)) {
    if (!entry.isFile || !entry.name.endsWith(".ts") || ABOVE_THE_LOOP.has(entry.name)) continue;
    const source = await Deno.readTextFile(new URL(entry.name, LIB));
    for (const target of all_imports(source)) {
      if (target === "base_events.ts" || target === "events.ts") {
        upward.push(`${entry.name} -> ${target}`);
      }
    }
  }
  assertEquals(upward.sort(), []);
});

Deno.test("the import finder sees type imports, re-exports and type queries", () => {
  const source = [
    'import type { EventLoop } from "./base_events.ts";',
    'import { type Handle, TimerHandle } from "./events.ts";',
    "import {",
    "  a,",
    "  b,",
    '} from "./futures.ts";',
    'export type { ExceptionHandler } from "./loop.ts";',
    'let loop: typeof import("./runners.ts");',
    ' * import { sleep } from "./sleep.ts"; (a comment)',
  ].join("\n");
  assertEquals(all_imports(source), [
    "base_events.ts",
    "events.ts",
    "futures.ts",
    "loop.ts",
    "runners.ts",
  ]);
});

Deno.test("lib/: no import is there only for its load order", async () => {
  const bare: string[] = [];
  for await (const entry of Deno.readDir(LIB)) {
    if (!entry.name.endsWith(".ts")) continue;
    const source = await Deno.readTextFile(new URL(entry.name, LIB));
    if (/^import\s+"\.\//m.test(source)) bare.push(entry.name);
  }
  assertEquals(bare, []);
});

Deno.test("the cycle finder finds a cycle", () => {
  const graph = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]]]);
  assertEquals(cycles(graph), [["a.ts", "b.ts", "c.ts", "a.ts"]]);
});
