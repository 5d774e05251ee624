// Timers made from callbacks: a zero-delay timer runs after call_soon callbacks queued in the same iteration.
import { new_event_loop } from "../../mod.ts";

const loop = new_event_loop({ clock: "virtual" });

function fire(name: string): void {
  console.log("fire", name);
}

function first(): void {
  console.log("first");
  loop.call_later(0, fire, "later0-from-first");
  loop.call_soon(fire, "soon-from-first");
  loop.call_later(0.02, second);
}

function second(): void {
  console.log("second");
  loop.call_later(0.01, fire, "later10-from-second");
  loop.call_soon(fire, "soon-from-second");
  loop.call_later(0, fire, "later0-from-second");
  loop.call_later(0.04, () => loop.stop());
}

loop.call_later(0.01, first);
loop.call_soon(fire, "soon-main");
await loop.run_forever();
console.log("stopped");
loop.close();
