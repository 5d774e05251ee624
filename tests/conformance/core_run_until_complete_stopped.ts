// run_until_complete: a done future still lets queued callbacks run one iteration; stop() before completion raises RuntimeError.
import { all_tasks, coroutine, new_event_loop, RuntimeError, sleep } from "../../mod.ts";

const forever = coroutine(async () => {
  console.log("forever started");
  await sleep(10);
});

const loop = new_event_loop({ clock: "virtual" });
const done = loop.create_future<string>();
done.set_result("already");
loop.call_soon(() => console.log("queued callback runs"));
console.log("done future ->", await loop.run_until_complete(done));
loop.call_later(0.01, () => loop.stop());
try {
  await loop.run_until_complete(forever());
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  console.log("stopped early:", e.message);
}
const pending = [...all_tasks(loop)];
console.log("tasks left", pending.length);
for (const t of pending) t.cancel();
await loop.run_until_complete(sleep(0));
console.log("tasks left after cancel", all_tasks(loop).size);
loop.close();
