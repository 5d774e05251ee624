// call_soon/call_later/call_at capture the current context, or run in the one given; so do done callbacks.
import { Context, ContextVar, coroutine, get_running_loop, run, sleep } from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });

function show(label: string) {
  console.log(label, v.get());
}

function setter(label: string) {
  v.set(label);
  console.log(label, "set", v.get());
}

const main = coroutine(async function main() {
  const loop = get_running_loop();
  v.set("main");
  loop.call_soon(show, "soon");
  const ctx = new Context();
  ctx.run(() => v.set("in ctx"));
  loop.call_soon(show, "soon ctx", { context: ctx });
  loop.call_later(0.01, show, "later");
  loop.call_at(loop.time() + 0.02, show, "at ctx", { context: ctx });
  loop.call_soon(setter, "cb1");
  loop.call_soon(show, "after cb1");
  loop.call_soon(setter, "cb2", { context: ctx });
  loop.call_soon(show, "ctx after cb2", { context: ctx });
  const fut = loop.create_future<number>();
  fut.add_done_callback(() => show("done cb"));
  fut.add_done_callback(() => show("done cb ctx"), { context: ctx });
  v.set("changed");
  fut.set_result(1);
  await sleep(0.05);
  show("main end");
  console.log("ctx holds", ctx.getitem(v), ctx.has(v) ? "True" : "False", ctx.size);
});

await run(main());
