// New tasks start on the next iteration in creation order, interleaved with call_soon callbacks; the creator runs on until it awaits.
import { coroutine, create_task, get_running_loop, run, sleep } from "../../mod.ts";

const child = coroutine(async (name: string): Promise<void> => {
  console.log("start", name);
  if (name === "t1") {
    create_task(child("t1-kid"));
    console.log("t1 made t1-kid");
  }
  await sleep(0);
  console.log("end", name);
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  const t1 = create_task(child("t1"));
  loop.call_soon(() => console.log("callback 1"));
  const t2 = create_task(child("t2"));
  loop.call_soon(() => console.log("callback 2"));
  console.log("main before await");
  await sleep(0);
  console.log("main after sleep 0");
  await t1;
  console.log("main awaited t1");
  await t2;
  await sleep(0);
  console.log("main done");
});

await run(main(), { clock: "virtual" });
