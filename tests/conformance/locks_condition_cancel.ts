// Condition: a waiter cancelled while waiting, after notify, or while re-acquiring still holds the lock when CancelledError reaches it; other waiters are not skipped.
import {
  async_with,
  CancelledError,
  Condition,
  coroutine,
  create_task,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  const loop = get_running_loop();
  const cond = new Condition();

  await cond.acquire();
  const wait = create_task(cond.wait());
  loop.call_soon(() => wait.cancel());
  try {
    await wait;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("wait cancelled, waiters", cond._waiters.length, "locked", py(cond.locked()));
  }
  cond.release();

  await cond.acquire();
  const wait_task = create_task(cond.wait());
  await sleep(0);
  console.log("while waiting, locked", py(cond.locked()));
  await cond.acquire();
  cond.notify();
  loop.call_soon(() => wait_task.cancel());
  loop.call_soon(() => cond.release());
  try {
    console.log("wait returned", py(await wait_task));
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("wait cancelled");
  }
  console.log("locked", py(cond.locked()));
  cond.release();

  const wait_on_cond = coroutine(async (name: string) => {
    try {
      await async_with(cond, async () => {
        console.log(name, "waiting");
        await cond.wait();
        console.log(name, "woke with the lock", py(cond.locked()));
      });
    } catch (e) {
      if (e instanceof CancelledError) {
        console.log(name, "cancelled; lock is", cond.locked() ? "held" : "free");
      }
      throw e;
    }
  });

  const waiter = create_task(wait_on_cond("w1"));
  const other = create_task(wait_on_cond("w2"));
  await sleep(0);
  await cond.acquire();
  cond.notify(2);
  await sleep(0);
  waiter.cancel();
  await sleep(0);
  console.log("releasing");
  cond.release();
  await sleep(0);
  console.log("w1 cancelled", py(waiter.cancelled()), "w2 done", py(other.done()));
  await other;
  console.log("locked at end", py(cond.locked()));
});

await run(main(), { clock: "virtual" });
