// stop() from a task step lets the rest of that iteration run (other tasks, callbacks) before run_forever returns.
import { coroutine, type EventLoop, gather, new_event_loop, sleep } from "../../mod.ts";

const stopper = coroutine(async (loop: EventLoop) => {
  await sleep(0);
  console.log("stopper: stop");
  loop.stop();
  await sleep(0);
  console.log("stopper resumed in the next run");
});

const worker = coroutine(async (name: string) => {
  for (let i = 0; i < 3; i++) {
    console.log(name, i);
    await sleep(0);
  }
});

const loop = new_event_loop({ clock: "virtual" });
const s = loop.create_task(stopper(loop));
const a = loop.create_task(worker("a"));
loop.call_soon(() => console.log("callback 1"));
const b = loop.create_task(worker("b"));
await loop.run_forever();
console.log("run_forever returned");
await loop.run_until_complete(gather(s, a, b));
console.log("all done");
loop.close();
