// A generator coroutine that yields a non-awaitable gets RuntimeError thrown back in; a task awaiting itself fails too.
import { coroutine, create_task, run, RuntimeError, sleep, type Task } from "../../mod.ts";

const bad_yield = coroutine(function* () {
  try {
    yield 5;
  } catch (e) {
    if (e instanceof RuntimeError) console.log("bad_yield got RuntimeError thrown in");
    throw e;
  }
});

const bare_yield = coroutine(function* () {
  yield null;
});

const uses_bad = coroutine(async () => {
  try {
    await bad_yield();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("uses_bad caught RuntimeError");
  }
  return "recovered";
});

const ticker = coroutine(async () => {
  for (let i = 0; i < 2; i++) {
    console.log("tick", i);
    await sleep(0);
  }
});

const uses_bare = coroutine(async () => {
  console.log("before bare yield");
  await bare_yield();
  console.log("after bare yield");
});

const holder: Task<void>[] = [];

const self_await = coroutine(async () => {
  await sleep(0);
  await holder[0];
});

const main = coroutine(async () => {
  console.log("uses_bad ->", await create_task(uses_bad()));
  const tk = create_task(ticker());
  await uses_bare();
  await tk;
  const t = create_task(self_await());
  holder.push(t);
  try {
    await t;
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("self await -> RuntimeError");
  }
});

await run(main(), { clock: "virtual" });
