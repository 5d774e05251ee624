// call_later timers fire in deadline order, after the call_soon callbacks, whatever order they were made in.
import { new_event_loop } from "../../mod.ts";

const loop = new_event_loop({ clock: "virtual" });

function fire(name: string): void {
  console.log("timer", name);
}

const timers = [["d100", 0.1], ["d20", 0.02], ["d60", 0.06], ["d40", 0.04], ["d80", 0.08]] as const;
for (const [name, delay] of timers) {
  loop.call_later(delay, fire, name);
}
loop.call_later(0.04, fire, "d40-second");
loop.call_soon(fire, "soon");
loop.call_later(0.12, () => loop.stop());
await loop.run_forever();
console.log("stopped");
loop.close();
