// as_completed(): completion order, errors raised when awaited, timeout raises for the rest, reverse awaiting, duplicates.
import {
  as_completed,
  coroutine,
  create_task,
  ensure_future,
  get_running_loop,
  run,
  sleep,
  TimeoutError,
  wait,
} from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}

const sleeper = coroutine(async (delay: number, name: string, fail = false) => {
  await sleep(delay);
  if (fail) throw new KeyError(name);
  return name;
});

const main = coroutine(async () => {
  const loop = get_running_loop();
  const done_already = loop.create_future<string>();
  done_already.set_result("ready");
  const order: string[] = [];
  for (
    const f of as_completed([
      sleeper(0.03, "c"),
      sleeper(0.01, "a"),
      done_already,
      sleeper(0.02, "b", true),
    ])
  ) {
    try {
      order.push(await f);
    } catch (e) {
      if (e instanceof KeyError) order.push("error " + e.message);
    }
  }
  console.log("order", order.join(","));

  const a = create_task(sleeper(0.01, "a"));
  const b = create_task(sleeper(0.05, "b"));
  const results: string[] = [];
  for (const f of as_completed([a, b], { timeout: 0.03 })) {
    try {
      results.push(await f);
    } catch (e) {
      if (e instanceof TimeoutError) results.push(e.name);
    }
  }
  console.log("with timeout", results.join(","), "b cancelled", b.cancelled() ? "yes" : "no");
  console.log("b still finishes", await b);

  for (const f of as_completed([sleeper(0.01, "x")], { timeout: 1 })) {
    console.log("unused timeout", await f);
  }

  let futs = [...as_completed(new Set([sleeper(0.02, "second"), sleeper(0.01, "first")]))];
  console.log("reverse", await futs[1], await futs[0]);

  futs = [...as_completed([sleeper(0.01, "p"), sleeper(0.01, "q")])];
  const [done, pending] = await wait(futs.map((f) => ensure_future(f)));
  console.log("concurrent", [...done].map((f) => f.result()).sort().join(","), pending.size);

  const c = sleeper(0, "ham");
  const got: string[] = [];
  for (const f of as_completed([c, c, sleeper(0.01, "spam")])) got.push(await f);
  console.log("duplicates", got.join(","));

  console.log("empty", [...as_completed([])].length);

  // the timeout error is raised by each of the remaining awaits
  const slow = ["s1", "s2", "s3"].map((n) => create_task(sleeper(1, n)));
  let count = 0;
  for (const f of as_completed(slow, { timeout: 0.01 })) {
    try {
      await f;
    } catch (e) {
      if (e instanceof TimeoutError) count++;
    }
  }
  console.log("timeouts", count);
  for (const t of slow) t.cancel();
});

await run(main(), { clock: "virtual" });
