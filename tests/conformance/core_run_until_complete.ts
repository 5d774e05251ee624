// run_until_complete on a fresh loop: coroutines, futures, errors, tasks living across calls, and a closed loop.
import { coroutine, new_event_loop, RuntimeError, sleep } from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}

const add = coroutine(async (a: number, b: number) => {
  await sleep(0.01);
  return a + b;
});

const fails = coroutine(async () => {
  await sleep(0);
  throw new KeyError("missing");
});

const background = coroutine(async (n: number) => {
  for (let i = 0; i < n; i++) {
    console.log("background", i);
    await sleep(0.04);
  }
  return "background done";
});

const loop = new_event_loop({ clock: "virtual" });
console.log("running before", loop.is_running() ? "yes" : "no");
console.log("coroutine ->", await loop.run_until_complete(add(1, 2)));
const fut = loop.create_future<string>();
loop.call_later(0.01, (v: string) => fut.set_result(v), "future value");
console.log("future ->", await loop.run_until_complete(fut));
try {
  await loop.run_until_complete(fails());
} catch (e) {
  if (!(e instanceof KeyError)) throw e;
  console.log("error -> KeyError");
}
const t = loop.create_task(background(3));
await loop.run_until_complete(sleep(0.06));
console.log("between runs, background done", t.done() ? "yes" : "no");
console.log("task ->", await loop.run_until_complete(t));
console.log("running after", loop.is_running() ? "yes" : "no");
loop.close();
console.log("closed", loop.is_closed() ? "yes" : "no");
try {
  await loop.run_until_complete(add(3, 4));
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  console.log("closed loop: RuntimeError");
}
