// Runner: every run() shares the runner's context (a copy made at its first run), unless given one; asyncio.run copies the caller's.
import { Context, ContextVar, coroutine, run, Runner } from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });

// deno-lint-ignore require-await
const bump = coroutine(async function bump(label: string) {
  console.log(label, "sees", v.get());
  v.set(label);
  return v.get();
});

v.set("outer");
{
  await using runner = new Runner();
  await runner.run(bump("run1"));
  await runner.run(bump("run2"));
  const ctx = new Context();
  await runner.run(bump("run3"), { context: ctx });
  console.log("ctx got", ctx.getitem(v));
  await runner.run(bump("run4"));
}
console.log("outer", v.get());
await run(bump("asyncio.run"));
console.log("outer", v.get());
