// Done callbacks run in registration order, a waiting task's wakeup taking its place among them.
import { coroutine, create_task, type Future, get_running_loop, run, sleep } from "../../mod.ts";

const waiter = coroutine(async (fut: Future<string>) => {
  console.log("waiter waiting");
  const value = await fut;
  console.log("waiter got", value);
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<string>();
  fut.add_done_callback((f) => console.log("cb1", f.result()));
  const t = create_task(waiter(fut));
  await sleep(0);
  fut.add_done_callback((f) => console.log("cb2", f.result()));
  fut.add_done_callback((f) => console.log("cb3", f.result()));
  loop.call_soon(() => console.log("plain callback"));
  fut.set_result("v");
  console.log("set_result returned");
  await t;
  console.log("main done");
});

await run(main(), { clock: "virtual" });
