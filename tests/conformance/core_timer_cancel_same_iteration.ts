// A timer cancelled by another callback of the same iteration does not run, even though it was already due.
import { new_event_loop } from "../../mod.ts";

const loop = new_event_loop({ clock: "virtual" });
const w = loop.time() + 0.01;

loop.call_at(w, () => {
  console.log("first cancels second");
  second_handle.cancel();
  loop.call_soon(() => console.log("soon from first"));
});
const second_handle = loop.call_at(w, () => console.log("second (wrong)"));
loop.call_at(w + 0.01, () => console.log("third"));
loop.call_at(w + 0.02, () => loop.stop());
await loop.run_forever();
console.log("second cancelled", second_handle.cancelled() ? "yes" : "no");
loop.close();
