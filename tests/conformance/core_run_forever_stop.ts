// run_forever stops at the end of the iteration in which stop() was called, from a callback or from a coroutine.
import { coroutine, type EventLoop, new_event_loop, sleep } from "../../mod.ts";

const stopper = coroutine(async (loop: EventLoop) => {
  console.log("stopper sleeping");
  await sleep(0.01);
  console.log("stopper calls stop");
  loop.stop();
  console.log("stopper after stop");
  return "stopper result";
});

const slow = coroutine(async () => {
  await sleep(0.05);
  console.log("slow finished");
  return "slow result";
});

const loop = new_event_loop({ clock: "virtual" });
loop.call_soon(() => console.log("a"));
loop.call_soon(() => loop.stop());
loop.call_soon(() => console.log("b, same iteration as stop"));
loop.call_soon(() => loop.call_soon(() => console.log("c, queued for the next iteration")));
await loop.run_forever();
console.log("first run_forever returned");
loop.stop();
await loop.run_forever();
console.log("stop before run_forever: one iteration ran");
const t = loop.create_task(stopper(loop));
const s = loop.create_task(slow());
await loop.run_forever();
console.log(
  "second run_forever returned, stopper done",
  t.done() ? "yes" : "no",
  "slow done",
  s.done() ? "yes" : "no",
);
console.log("stopper ->", t.result());
console.log("slow ->", await loop.run_until_complete(s));
loop.close();
