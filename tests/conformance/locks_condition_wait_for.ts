// Condition.wait_for(predicate): checks first, waits between checks, returns the truthy result; a shared Lock serves two conditions.
import {
  async_with,
  Condition,
  coroutine,
  create_task,
  Lock,
  run,
  RuntimeError,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(async () => {
  const cond = new Condition();
  let presult = 0;
  const checks: string[] = [];
  const predicate = () => {
    checks.push(String(presult));
    return presult;
  };
  const c = coroutine(async () => {
    await cond.acquire();
    const value = await cond.wait_for(predicate);
    console.log("wait_for returned", value, "locked", py(cond.locked()));
    cond.release();
    return value;
  });
  const t = create_task(c());
  await sleep(0);
  console.log("checks", checks.join(","));
  for (const value of [0, 7]) {
    presult = value;
    await cond.acquire();
    cond.notify();
    cond.release();
    await sleep(0);
    console.log("checks", checks.join(","), "done", py(t.done()));
  }
  console.log("result", await t);
  console.log("immediate", (await cond.wait_for(() => [1, 2, 3])).join(","));
  try {
    await cond.wait_for(() => false);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log(e.name, e.message);
  }

  const lock = new Lock();
  const a = new Condition(lock);
  const b = new Condition(lock);
  const items: string[] = [];
  const consumer = coroutine(async (cond: Condition, name: string) => {
    await async_with(cond, async () => {
      await cond.wait_for(() => items.includes(name));
      console.log(name, "consumed; lock held", py(lock.locked()));
    });
  });
  const ta = create_task(consumer(a, "a"));
  const tb = create_task(consumer(b, "b"));
  await sleep(0);
  // deno-lint-ignore require-await
  await async_with(lock, async () => {
    items.push("b");
    b.notify();
    console.log("b notified; a waiters", a._waiters.length, "b waiters", b._waiters.length);
  });
  await tb;
  // deno-lint-ignore require-await
  await async_with(a, async () => {
    items.push("a");
    a.notify_all();
  });
  await ta;
  console.log("locked", py(lock.locked()), py(a.locked()), py(b.locked()));
});

await run(main(), { clock: "virtual" });
