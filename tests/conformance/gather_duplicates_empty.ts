// gather() with no awaitables is a finished Future of []; the same coroutine or future passed twice is wrapped once and its result repeated; children start in argument order (test_constructor_empty_sequence_use_running_loop, test_duplicate_coroutines).
import {
  all_tasks,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");
const runs: string[] = [];

const coro = coroutine(async (s: string) => {
  runs.push(s);
  await sleep(0);
  return s;
});

const main = coroutine(async () => {
  const empty = gather();
  console.log("empty done", py(empty.done()), "result", String(empty.result().length));
  console.log("empty awaited", String((await empty).length));

  const c = coro("abc");
  const before = all_tasks().size;
  const g = gather(c, c, coro("def"), c);
  console.log("new tasks", String(all_tasks().size - before));
  console.log("results", (await g).join(","));
  console.log("runs", runs.join(","));

  const loop = get_running_loop();
  const fut = loop.create_future<string>();
  loop.call_soon(() => fut.set_result("f"));
  console.log("same future", (await gather(fut, fut, fut)).join(","));

  const t = create_task(coro("task"));
  console.log("task twice", (await gather(t, coro("x"), t)).join(","));
});

await run(main(), { clock: "virtual" });
