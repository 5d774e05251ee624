// InvalidStateError: result()/exception() before done, set_result or set_exception twice; Task refuses set_result.
import { coroutine, create_task, get_running_loop, run, sleep, ValueError } from "../../mod.ts";

function attempt(label: string, fn: () => unknown): void {
  try {
    const value = fn();
    console.log(label, "returned", value);
  } catch (e) {
    console.log(label, "raised", (e as Error).name);
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const fut = loop.create_future<number>();
  attempt("result pending", () => fut.result());
  attempt("exception pending", () => fut.exception());
  fut.set_result(1);
  attempt("set_result twice", () => fut.set_result(2));
  attempt("set_exception after result", () => fut.set_exception(new ValueError("x")));
  attempt("result", () => fut.result());
  attempt("cancel done", () => fut.cancel() ? "yes" : "no");
  const other = loop.create_future<number>();
  other.cancel();
  attempt("set_result cancelled", () => other.set_result(3));
  const task = create_task(sleep(0));
  attempt("task set_result", () => task.set_result(undefined));
  attempt("task set_exception", () => task.set_exception(new ValueError("x")));
  await task;
  console.log("main done");
});

await run(main(), { clock: "virtual" });
