// shield(): results and errors pass through, cancelling the outer leaves the inner running, cancelling the inner cancels the outer.
import {
  CancelledError,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  run,
  shield,
  sleep,
  TimeoutError,
  wait_for,
} from "../../mod.ts";

class KeyError extends Error {
  override name = "KeyError";
}

function yn(flag: boolean): string {
  return flag ? "yes" : "no";
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  let inner = loop.create_future<unknown>();
  let outer = shield(inner);
  inner.set_result(42);
  console.log("result", await outer);

  inner = loop.create_future();
  outer = shield(inner);
  await sleep(0);
  inner.set_exception(new KeyError("k"));
  try {
    await outer;
  } catch (e) {
    if (e instanceof KeyError) {
      console.log("error passed", yn(outer.exception() === inner.exception()));
    }
  }

  inner = loop.create_future();
  outer = shield(inner);
  inner.cancel();
  await sleep(0);
  console.log("inner cancelled -> outer cancelled", yn(outer.cancelled()));

  inner = loop.create_future();
  outer = shield(inner);
  outer.cancel();
  await sleep(0);
  console.log("outer cancelled -> inner", inner.cancelled() ? "cancelled" : "pending");
  inner.set_result("late"); // nobody listens any more

  const fut = loop.create_future<number>();
  fut.set_result(7);
  console.log("shortcut", yn(shield(fut) === fut));

  // cancelling the awaiting task does not reach the shielded coroutine
  const proof: string[] = [];
  const waiter = loop.create_future<void>();
  const inner_work = coroutine(async () => {
    await waiter;
    proof.push("inner");
  });
  const outer_work = coroutine(async () => {
    await shield(inner_work());
    proof.push("outer");
  });
  const t = create_task(outer_work());
  await sleep(0);
  t.cancel();
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log("outer task cancelled");
  }
  waiter.set_result();
  await sleep(0);
  await sleep(0);
  console.log("proof", proof.join(","));

  // shielding a gather keeps the children running
  const child1 = loop.create_future<number>();
  const child2 = loop.create_future<number>();
  const parent = gather(child1, child2);
  outer = shield(parent);
  await sleep(0);
  outer.cancel();
  await sleep(0);
  child1.set_result(1);
  child2.set_result(2);
  await sleep(0);
  await sleep(0);
  console.log("gather", yn(outer.cancelled()), parent.result().join(","));

  // a coroutine is scheduled as a task and keeps running after the shield is cancelled
  const job = coroutine(async () => {
    await sleep(0.02);
    console.log("job finished");
    return "job";
  });
  outer = shield(job());
  try {
    await wait_for(outer, 0.01);
  } catch (e) {
    if (e instanceof TimeoutError) console.log("waiting timed out", yn(outer.cancelled()));
  }
  await sleep(0.02);
});

await run(main(), { clock: "virtual" });
