// Loop misuse: non-callable callbacks give TypeError; a closed loop refuses work; close() is idempotent but not while running.
import { coroutine, type EventLoop, new_event_loop } from "../../mod.ts";

async function attempt(label: string, fn: () => unknown): Promise<void> {
  try {
    await fn();
    console.log(label, "ok");
  } catch (e) {
    console.log(label, "raised", (e as Error).name);
  }
}

// deno-lint-ignore no-explicit-any
type Any = any;

const inside = coroutine(async (loop: EventLoop) => {
  await attempt("close while running", () => loop.close());
  const fut = loop.create_future<number>();
  fut.set_result(1);
  await attempt("run_until_complete while running", () => loop.run_until_complete(fut));
  await attempt("run_forever while running", () => loop.run_forever());
  return "inside done";
});

const loop = new_event_loop({ clock: "virtual" });
await attempt("call_soon(5)", () => loop.call_soon(5 as Any));
await attempt("call_later(0.1, 'x')", () => loop.call_later(0.1, "x" as Any));
console.log(await loop.run_until_complete(inside(loop)));
loop.close();
await attempt("close again", () => loop.close());
await attempt("call_soon on closed", () => loop.call_soon(console.log));
await attempt("call_later on closed", () => loop.call_later(1, console.log));
await attempt("call_at on closed", () => loop.call_at(1, console.log));
await attempt("run_forever on closed", () => loop.run_forever());
console.log("closed", loop.is_closed() ? "yes" : "no");
