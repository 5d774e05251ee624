// asyncio.run returns the coroutine's value, raises its error, cancels leftover tasks, and refuses non-coroutines and nesting.
import {
  CancelledError,
  type Coroutine,
  coroutine,
  create_task,
  get_running_loop,
  run,
  RuntimeError,
  sleep,
  ValueError,
} from "../../mod.ts";

const value = coroutine(async () => {
  await sleep(0.01);
  return 42;
});

const fails = coroutine(async () => {
  await sleep(0);
  throw new ValueError("bad main");
});

const background = coroutine(async () => {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log("background cancelled at shutdown");
    throw e;
  } finally {
    console.log("background finally");
  }
});

const leaves_task = coroutine(async () => {
  create_task(background());
  await sleep(0);
  console.log("leaves_task returning");
  return "main value";
});

const nested = coroutine(async () => {
  const c = value();
  try {
    await run(c);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("nested run: RuntimeError");
  }
  return "nested done";
});

const opts = { clock: "virtual" } as const;
console.log("run value", await run(value(), opts));
try {
  await run(fails(), opts);
} catch (e) {
  if (!(e instanceof ValueError)) throw e;
  console.log("run raised", e.name, e.message);
}
console.log("run leaves_task", await run(leaves_task(), opts));
try {
  await run(123 as unknown as Coroutine<number>, opts);
} catch (e) {
  if (!(e instanceof ValueError)) throw e;
  console.log("run(123): ValueError");
}
console.log("run nested", await run(nested(), opts));
try {
  get_running_loop();
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  console.log("no running loop after run: RuntimeError");
}
