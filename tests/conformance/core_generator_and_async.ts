// Generator-style and async coroutines in one program: each awaits the other inline, results and errors cross over.
import { coroutine, create_task, run, sleep, ValueError } from "../../mod.ts";

const async_add = coroutine(async (a: number, b: number) => {
  console.log("async_add", a, b);
  await sleep(0);
  return a + b;
});

const gen_double = coroutine(function* (n: number) {
  console.log("gen_double", n);
  const s: number = yield* async_add(n, n);
  yield* sleep(0);
  return s;
});

const async_uses_gen = coroutine(async (n: number) => {
  const d = await gen_double(n);
  console.log("async_uses_gen got", d);
  return d + 1;
});

const gen_fails = coroutine(function* (): Generator<unknown, never, unknown> {
  yield* sleep(0);
  throw new ValueError("from generator");
});

const async_catches = coroutine(async () => {
  try {
    await gen_fails();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("async caught", e.message);
  }
  return "caught";
});

const gen_main = coroutine(function* () {
  const t1 = create_task(async_uses_gen(3));
  const t2 = create_task(gen_double(10));
  const t3 = create_task(async_catches());
  const r1: number = yield* t1;
  const r2: number = yield* t2;
  const r3: string = yield* t3;
  console.log("results", r1, r2, r3);
  return r1 + r2;
});

console.log("run returned", await run(gen_main(), { clock: "virtual" }));
