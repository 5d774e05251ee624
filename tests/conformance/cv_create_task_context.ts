// create_task(coro, context=ctx): the task runs in ctx itself, and what it sets stays there; get_context() gives it.
import { ContextVar, copy_context, coroutine, create_task, run, sleep } from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });
const py = (b: boolean) => (b ? "True" : "False");

const setter = coroutine(async function setter(value: string) {
  console.log("setter sees", v.get());
  v.set(value);
  await sleep(0);
  return v.get();
});

const main = coroutine(async function main() {
  v.set("main");
  const ctx = copy_context();
  const t1 = create_task(setter("first"), { context: ctx });
  console.log("same context", py(t1.get_context() === ctx));
  console.log(await t1);
  const t2 = create_task(setter("second"), { context: ctx });
  console.log(await t2);
  console.log("ctx now", ctx.getitem(v), "main", v.get());
  const t3 = create_task(setter("third"));
  await t3;
  console.log("own context", py(t3.get_context() !== ctx), t3.get_context().getitem(v));
  console.log("main end", v.get());
});

await run(main());
