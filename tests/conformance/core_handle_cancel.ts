// Cancelled handles and timers never run; cancel() is idempotent and also marks handles that already ran.
import { new_event_loop } from "../../mod.ts";

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const loop = new_event_loop({ clock: "virtual" });

function fire(name: string): void {
  console.log("fire", name);
}

const h1 = loop.call_soon(fire, "h1");
const h2 = loop.call_soon(fire, "h2");
const h3 = loop.call_soon(fire, "h3");
const t1 = loop.call_later(0.03, fire, "t1");
const t2 = loop.call_later(0.05, fire, "t2");
console.log("h2 cancelled before", yn(h2.cancelled()));
h2.cancel();
h2.cancel();
console.log("h2 cancelled after", yn(h2.cancelled()));

loop.call_soon(() => {
  console.log("canceller");
  h3.cancel();
  t2.cancel();
}); // runs after h3: h3 already ran
const t_late = loop.call_later(0.04, fire, "t_late");

loop.call_later(0.01, () => {
  console.log("cancel t_late");
  t_late.cancel();
});
loop.call_later(0.07, () => loop.stop());
await loop.run_forever();
console.log(
  "h1",
  yn(h1.cancelled()),
  "h3",
  yn(h3.cancelled()),
  "t1",
  yn(t1.cancelled()),
  "t2",
  yn(t2.cancelled()),
  "t_late",
  yn(t_late.cancelled()),
);
loop.close();
