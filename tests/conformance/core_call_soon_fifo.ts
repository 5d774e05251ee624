// call_soon runs callbacks FIFO; callbacks scheduled from a callback run on the next iteration.
import { new_event_loop } from "../../mod.ts";

const loop = new_event_loop({ clock: "virtual" });

function cb(name: string, depth: number): void {
  console.log("cb", name);
  if (depth > 0) loop.call_soon(cb, name + "+", depth - 1);
}

function stopper(n: number): void {
  console.log("iteration", n);
  if (n === 3) loop.stop();
  else loop.call_soon(stopper, n + 1);
}

loop.call_soon(cb, "a", 2);
loop.call_soon(stopper, 0);
loop.call_soon(cb, "b", 1);
loop.call_soon(cb, "c", 0);
await loop.run_forever();
console.log("stopped");
loop.close();
