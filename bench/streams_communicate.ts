/**
 * `communicate()` of a large input through `cat`: the parent's side of the
 * subprocess pipe benchmark, as `py/streams_communicate.py` does it with
 * CPython's asyncio.
 *
 *     deno run -A bench/streams_communicate.ts ours|plain <bytes>
 *
 * `ours` uses `create_subprocess_exec` and `communicate()`; `plain` uses
 * `Deno.Command` alone, writing stdin and reading stdout at once. Prints
 * `{"ms", "cpu_s"}`: the wall time and this process's CPU time from the
 * spawn to the child's exit. Fails unless every byte came back.
 *
 * @module
 */

import { coroutine, run } from "../mod.ts";
import { create_subprocess_exec, PIPE } from "../io.ts";
import { cpu_seconds } from "./_proc.ts";

const [impl, size_arg] = Deno.args;
const size = Number(size_arg);
const data = new Uint8Array(size - size % 256);
for (let i = 0; i < data.length; i++) data[i] = i & 0xff;

async function ours(): Promise<Uint8Array> {
  return await run(
    coroutine(async () => {
      const proc = await create_subprocess_exec("cat", { stdin: PIPE, stdout: PIPE });
      const [out] = await proc.communicate(data);
      return out as Uint8Array;
    })(),
  );
}

async function plain(): Promise<Uint8Array> {
  const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
  const writing = (async () => {
    const writer = child.stdin.getWriter();
    await writer.write(data);
    await writer.close();
  })();
  const [out] = await Promise.all([child.output(), writing]);
  return out.stdout;
}

const cpu = cpu_seconds("self");
const start = performance.now();
const out = await (impl === "ours" ? ours() : plain());
const ms = performance.now() - start;
const cpu_s = cpu_seconds("self") - cpu;
if (out.length !== data.length || out.some((byte, i) => byte !== data[i])) {
  console.error(`communicate: ${out.length} bytes came back, not the ${data.length} sent`);
  Deno.exit(1);
}
console.log(JSON.stringify({ ms: Math.round(ms * 1000) / 1000, cpu_s }));
