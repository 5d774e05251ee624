// Runner with an empty outer context: its runs' main tasks share one context all the same (empty, whatever is set outside later), and a child copies it.
import {
  type Context,
  ContextVar,
  coroutine,
  create_task,
  current_task,
  run,
  Runner,
} from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });
const seen: Context[] = [];

// deno-lint-ignore require-await
const quiet = coroutine(async function quiet() {
  seen.push(current_task()!.get_context());
  return v.get();
});

// deno-lint-ignore require-await
const peek = coroutine(async function peek() {
  return v.get();
});

const bump = coroutine(async function bump(label: string) {
  seen.push(current_task()!.get_context());
  console.log(label, "sees", v.get());
  v.set(label);
  const child = create_task(quiet());
  console.log(label, "child sees", await child);
});

{
  await using first = new Runner();
  console.log("first run", await first.run(peek()));
  const token = v.set("outer"); // the first value set anywhere, outside the loop
  console.log("second run", await first.run(peek()));
  v.reset(token);
}

{
  await using runner = new Runner();
  console.log("quiet", await runner.run(quiet()));
  await runner.run(bump("run1"));
  await runner.run(bump("run2"));
  console.log("one context", seen[0] === seen[1] && seen[1] === seen[3] ? "True" : "False");
  console.log("child's own", seen[2] !== seen[1] && seen[4] !== seen[3] ? "True" : "False");
  console.log("runner's context has", `[${[...seen[0].values()].map((x) => `'${x}'`).join(", ")}]`);
}
console.log("outer", v.get());
console.log("asyncio.run", await run(quiet()));
