// A custom exception handler gets callback errors with message/exception/handle; the loop keeps running.
import {
  coroutine,
  type EventLoop,
  type ExceptionContext,
  get_running_loop,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}

function bad(n: number): never {
  throw new ValueError(`bad callback ${n}`);
}

function bad_done(): never {
  throw new KeyError("bad done callback");
}

function handler(_loop: EventLoop, context: ExceptionContext): void {
  const exc = context.exception;
  console.log(
    "handler:",
    context.message.split("(")[0],
    "|",
    exc !== undefined && exc !== null ? (exc as Error).name : "no exception",
    "|",
    Object.keys(context).sort().join(","),
  );
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  console.log("default handler in use", loop.get_exception_handler() === null ? "yes" : "no");
  loop.set_exception_handler(handler);
  console.log("custom handler in use", loop.get_exception_handler() === handler ? "yes" : "no");
  loop.call_soon(bad, 1);
  loop.call_soon(() => console.log("callback after the failing one"));
  loop.call_later(0.01, bad, 2);
  const fut = loop.create_future<number>();
  fut.add_done_callback(bad_done);
  fut.set_result(1);
  await sleep(0.04);
  loop.call_exception_handler({ message: "custom report", extra: 5 });
  console.log("loop still running", loop.is_running() ? "yes" : "no");
  loop.set_exception_handler(null);
  console.log("handler reset", loop.get_exception_handler() === null ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
