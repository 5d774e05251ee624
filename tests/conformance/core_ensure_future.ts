// ensure_future returns Futures and Tasks unchanged and wraps coroutines in Tasks; the is* predicates agree.
import {
  coroutine,
  create_task,
  ensure_future,
  get_running_loop,
  iscoroutine,
  iscoroutinefunction,
  isfuture,
  run,
  sleep,
  Task,
} from "../../mod.ts";

const work = coroutine(async () => {
  await sleep(0);
  return "worked";
});

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<string>();
  console.log("future unchanged", yn(ensure_future(fut) === fut));
  const t = create_task(work());
  console.log("task unchanged", yn(ensure_future(t) === t));
  const c = work();
  const w = ensure_future(c);
  console.log(
    "coroutine wrapped in a task",
    yn(w instanceof Task),
    "get_coro is it",
    yn((w as Task<string>).get_coro() === c),
  );
  console.log("isfuture", yn(isfuture(fut)), yn(isfuture(t)), yn(isfuture(c)));
  const c2 = work();
  console.log("iscoroutine", yn(iscoroutine(c2)), yn(iscoroutine(fut)));
  console.log(
    "iscoroutinefunction",
    yn(iscoroutinefunction(work)),
    yn(iscoroutinefunction(console.log)),
  );
  try {
    ensure_future(42 as unknown as Promise<number>);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    console.log("ensure_future(42): TypeError");
  }
  fut.set_result("fut");
  console.log("results", await t, await w, await fut);
});

await run(main(), { clock: "virtual" });
