// A task sees its parent's values at creation; what it sets is not seen by its parent or siblings.
import { ContextVar, coroutine, create_task, gather, run, sleep } from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });

const child = coroutine(async function child(name: string) {
  console.log(name, "starts with", v.get());
  v.set(name);
  await sleep(0);
  console.log(name, "after a step", v.get());
  await sleep(0.01);
  console.log(name, "ends with", v.get());
  return v.get();
});

const main = coroutine(async function main() {
  v.set("main");
  const a = create_task(child("a"));
  v.set("main2");
  const b = create_task(child("b"));
  console.log("gathered", pylist(await gather(a, b)));
  console.log("main still", v.get());
});

function pylist(items: string[]): string {
  return `[${items.map((s) => `'${s}'`).join(", ")}]`;
}

await run(main());
console.log("outside", v.get());
