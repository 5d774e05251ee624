// gather, wait_for, shield and TaskGroup wrap coroutines in tasks: their children start from a copy of the caller's context.
import {
  async_with,
  Context,
  ContextVar,
  coroutine,
  gather,
  run,
  shield,
  sleep,
  TaskGroup,
  wait_for,
} from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });

const child = coroutine(async function child(label: string) {
  const seen = v.get();
  v.set(label);
  await sleep(0.01);
  return `${label} saw ${seen}, has ${v.get()}`;
});

const pylist = (items: string[]) => `[${items.map((s) => `'${s}'`).join(", ")}]`;

const main = coroutine(async function main() {
  v.set("main");
  console.log(pylist(await gather(child("g1"), child("g2"))));
  console.log("after gather", v.get());
  console.log(await wait_for(child("wf"), 1));
  console.log("after wait_for", v.get());
  console.log(await shield(child("sh")));
  console.log("after shield", v.get());
  const ctx = new Context();
  // deno-lint-ignore require-await
  const [t1, t2] = (await async_with(new TaskGroup(), async (tg) => {
    v.set("main2");
    return [tg.create_task(child("tg1")), tg.create_task(child("tg2"), { context: ctx })];
  }))!;
  console.log(t1.result(), "|", t2.result(), "|", ctx.getitem(v));
  console.log("end", v.get());
});

await run(main());
