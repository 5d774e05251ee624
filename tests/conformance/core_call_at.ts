// call_at schedules at absolute loop times; a deadline in the past runs after already queued callbacks.
import { new_event_loop } from "../../mod.ts";

const loop = new_event_loop({ clock: "virtual" });
const t0 = loop.time();

function fire(name: string): void {
  console.log("fire", name);
}

const h = loop.call_at(t0 + 0.06, fire, "at+60");
console.log("when exact", h.when() === t0 + 0.06 ? "yes" : "no");
loop.call_at(t0 + 0.01, fire, "at+10");
loop.call_later(0.03, fire, "later+30");
loop.call_at(t0 - 1, fire, "at-past");
loop.call_soon(fire, "soon");
loop.call_at(t0 + 0.08, () => loop.stop());
await loop.run_forever();
console.log("stopped");
loop.close();
