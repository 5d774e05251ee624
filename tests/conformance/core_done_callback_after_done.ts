// A done callback added to a finished future is scheduled with call_soon, behind what is already queued.
import { coroutine, get_running_loop, run, sleep } from "../../mod.ts";

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<number>();
  fut.add_done_callback((f) => console.log("before-done cb", f.result()));
  fut.set_result(7);
  loop.call_soon(() => console.log("queued after set_result"));
  fut.add_done_callback((f) => console.log("after-done cb", f.result()));
  loop.call_soon(() => console.log("queued last"));
  console.log("main continues");
  await sleep(0);
  console.log("main after sleep 0");
  fut.add_done_callback((f) => console.log("late cb", f.result()));
  await sleep(0);
  console.log("main done");
});

await run(main(), { clock: "virtual" });
