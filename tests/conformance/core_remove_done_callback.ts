// remove_done_callback removes every registration of a callback and returns how many it removed.
import { coroutine, get_running_loop, run, sleep } from "../../mod.ts";

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<null>();
  const a = () => console.log("a ran");
  const b = () => console.log("b ran");
  const never = () => console.log("never ran");
  fut.add_done_callback(a);
  fut.add_done_callback(b);
  fut.add_done_callback(a);
  fut.add_done_callback(never);
  fut.add_done_callback(a);
  console.log("remove a", fut.remove_done_callback(a));
  console.log("remove a again", fut.remove_done_callback(a));
  console.log("remove never", fut.remove_done_callback(never));
  console.log("remove unknown", fut.remove_done_callback(console.log));
  fut.add_done_callback(a);
  fut.set_result(null);
  console.log("remove b after done", fut.remove_done_callback(b));
  await sleep(0);
  console.log("main done");
});

await run(main(), { clock: "virtual" });
