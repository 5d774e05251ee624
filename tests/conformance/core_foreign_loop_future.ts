// Awaiting a future that belongs to another loop throws RuntimeError into the awaiting coroutine.
import {
  coroutine,
  ensure_future,
  get_running_loop,
  new_event_loop,
  run,
  RuntimeError,
} from "../../mod.ts";

const main = coroutine(async () => {
  const other = new_event_loop({ clock: "virtual" });
  const fut = other.create_future();
  try {
    await fut;
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("await foreign future: RuntimeError");
  }
  try {
    ensure_future(fut, get_running_loop());
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.log("ensure_future with another loop:", e.name);
  }
  other.close();
  console.log("main done");
});

await run(main(), { clock: "virtual" });
