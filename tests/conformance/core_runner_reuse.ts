// One Runner runs several coroutines on the same loop; a task left by the first run keeps going in the second; close cancels the rest.
import {
  CancelledError,
  coroutine,
  create_task,
  get_running_loop,
  Runner,
  sleep,
} from "../../mod.ts";

const background = coroutine(async () => {
  try {
    for (let i = 0; i < 100; i++) {
      console.log("background", i);
      await sleep(0);
    }
  } catch (e) {
    if (e instanceof CancelledError) console.log("background cancelled by close");
    throw e;
  }
});

const first = coroutine(async () => {
  create_task(background(), { name: "bg" });
  for (let i = 0; i < 2; i++) await sleep(0);
  return get_running_loop();
});

const second = coroutine(async () => {
  await sleep(0);
  return get_running_loop();
});

const runner = new Runner({ clock: "virtual" });
const loop1 = await runner.run(first());
console.log("first run returned");
const loop2 = await runner.run(second());
console.log("same loop", loop1 === loop2 && loop2 === runner.get_loop() ? "yes" : "no");
await runner.close();
console.log("runner closed, loop closed", loop1.is_closed() ? "yes" : "no");
