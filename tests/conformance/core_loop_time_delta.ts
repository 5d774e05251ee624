// loop.time() moves forward by at least the slept delay and timers fire no earlier than their when().
import { coroutine, get_running_loop, run, sleep } from "../../mod.ts";

const SLACK = 0.001;

const main = coroutine(async () => {
  const loop = get_running_loop();
  const t0 = loop.time();
  await sleep(0.02);
  const d = loop.time() - t0;
  console.log("sleep 0.02", 0.02 - SLACK <= d && d < 1 ? "ok" : "bad");
  const fired = loop.create_future<number>();
  const h = loop.call_later(0.03, () => fired.set_result(loop.time()));
  console.log("when", h.when() >= t0 + 0.02 + 0.03 - SLACK ? "ok" : "bad");
  const at = await fired;
  console.log("fired after when", at >= h.when() - SLACK ? "ok" : "bad");
  const t1 = loop.time();
  await sleep(0);
  console.log("sleep 0", 0 <= loop.time() - t1 && loop.time() - t1 < 1 ? "ok" : "bad");
  console.log("monotonic", loop.time() >= t1 && t1 >= t0 ? "ok" : "bad");
});

await run(main(), { clock: "virtual" });
