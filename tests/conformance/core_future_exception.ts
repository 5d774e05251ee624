// exception() returns the stored error, result() and await raise it; a cancelled future raises CancelledError with its message.
import { CancelledError, coroutine, get_running_loop, run, ValueError } from "../../mod.ts";

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<string>();
  const err = new ValueError("boom");
  fut.set_exception(err);
  console.log("done", fut.done() ? "yes" : "no", "cancelled", fut.cancelled() ? "yes" : "no");
  console.log("exception is err", fut.exception() === err ? "yes" : "no");
  try {
    fut.result();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("result raised", e.name, e.message, e === err ? "same" : "other");
  }
  try {
    await fut;
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("await raised", e.name, e.message);
  }
  const ok = loop.create_future<string>();
  ok.set_result("fine");
  console.log("exception of ok", ok.exception() === null ? "None" : "set");
  const c = loop.create_future<string>();
  console.log("cancel", c.cancel("why") ? "yes" : "no");
  console.log("done", c.done() ? "yes" : "no", "cancelled", c.cancelled() ? "yes" : "no");
  for (
    const [label, fn] of [["result", () => c.result()], ["exception", () => c.exception()]] as const
  ) {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(label, "raised", e.name, e.message);
    }
  }
  try {
    await c;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("await raised", e.name, e.message);
  }
  console.log("main done");
});

await run(main(), { clock: "virtual" });
