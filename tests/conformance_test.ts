/**
 * The conformance suite: every `tests/conformance/NAME.py` asyncio program
 * has a TypeScript port `NAME.ts`, and both must print the same lines.
 *
 * The Python side runs live when CPython 3.12 or later is found (set
 * `ASYNCIO_PYTHON` to choose one); its output must also match the stored
 * `NAME.out`, which is what machines without Python compare against.
 * `ASYNCIO_UPDATE_OUT=1` rewrites the stored outputs from the live ones.
 * A program whose first line is `# requires: 3.13` runs on CPython 3.13
 * (it uses API that 3.12 lacks, such as `Queue.shutdown`).
 */

import { assertEquals } from "./_assert.ts";
import { find_python, run_command } from "./_python.ts";

const DIR = new URL("./conformance/", import.meta.url);

async function output(command: string, args: string[]): Promise<{ ok: boolean; text: string }> {
  const result = await run_command(command, args);
  return {
    ok: result.ok,
    text: result.ok ? result.stdout : `${result.stdout}\n--- stderr ---\n${result.stderr}`,
  };
}

const names: string[] = [];
for (const entry of Deno.readDirSync(DIR)) {
  if (entry.isFile && entry.name.endsWith(".py")) names.push(entry.name.slice(0, -3));
}
names.sort();

const pythons = { 12: await find_python(12), 13: await find_python(13) };
const python = pythons[12];

function required_minor(py_path: string): 12 | 13 {
  return Deno.readTextFileSync(py_path).startsWith("# requires: 3.13") ? 13 : 12;
}
const update = Deno.env.get("ASYNCIO_UPDATE_OUT") === "1";

/**
 * What CPython prints for `py_path`, checked against the stored `out_path`
 * (or stored, with ASYNCIO_UPDATE_OUT=1). The Python side sleeps for real:
 * on a loaded machine a 10 ms timer can fire late and reorder a line, so a
 * run that differs is repeated, up to LIVE_RUNS in all; a stale file never
 * matches.
 */
async function live_output(interpreter: string, py_path: string, out_path: string) {
  let live = "";
  for (let run = 0; run < LIVE_RUNS; run++) {
    const result = await output(interpreter, [py_path]);
    if (!result.ok) throw new Error(`the Python program failed:\n${result.text}`);
    live = result.text;
    if (update) Deno.writeTextFileSync(out_path, live);
    if (update || Deno.readTextFileSync(out_path) === live) return live;
  }
  assertEquals(Deno.readTextFileSync(out_path), live, `${out_path} is stale`);
  return live;
}

const LIVE_RUNS = 3;

Deno.test(`conformance: ${names.length} paired programs (python: ${python ?? "stored outputs"})`, async (t) => {
  if (names.length < 1) throw new Error("no conformance programs found");
  for (const name of names) {
    await t.step(name, async () => {
      const ts_path = new URL(`${name}.ts`, DIR).pathname;
      const py_path = new URL(`${name}.py`, DIR).pathname;
      const out_path = new URL(`${name}.out`, DIR).pathname;
      let expected: string;
      const interpreter = pythons[required_minor(py_path)];
      if (interpreter !== null) {
        expected = await live_output(interpreter, py_path, out_path);
      } else {
        expected = Deno.readTextFileSync(out_path);
      }
      const actual = await output(Deno.execPath(), ["run", "--quiet", "--allow-all", ts_path]);
      assertEquals(actual.text, expected);
    });
  }
});
