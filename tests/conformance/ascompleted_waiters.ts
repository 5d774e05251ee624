// as_completed(): several tasks awaiting its coroutines, a cancelled waiter passes its turn on (generator style in TS).
import {
  as_completed,
  CancelledError,
  type Coroutine,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const log: string[] = [];

const sleeper = coroutine(function* (delay: number, name: string) {
  yield* sleep(delay);
  log.push(name + " finished");
  return name;
});

const consume = coroutine(function* (label: string, aw: Coroutine<string>) {
  try {
    const value = yield* aw;
    log.push(`${label} got ${value}`);
  } catch (e) {
    if (e instanceof CancelledError) log.push(`${label} cancelled`);
    throw e;
  }
});

const main = coroutine(function* () {
  let futs = [...as_completed([sleeper(0.01, "a"), sleeper(0.02, "b"), sleeper(0.03, "c")])];
  let w1 = create_task(consume("w1", futs[0]));
  let w2 = create_task(consume("w2", futs[1]));
  const w3 = create_task(consume("w3", futs[2]));
  yield* sleep(0);
  w1.cancel();
  yield* gather(w1, w2, w3, { return_exceptions: true });
  console.log(log.join(" | "));
  log.length = 0;

  // cancelled just as its item arrives: the item goes to the next waiter
  const loop = get_running_loop();
  const f1 = loop.create_future<string>();
  const f2 = loop.create_future<string>();
  futs = [...as_completed([f1, f2])];
  w1 = create_task(consume("w1", futs[0]));
  w2 = create_task(consume("w2", futs[1]));
  yield* sleep(0);
  f1.set_result("x");
  yield* sleep(0); // completion callback runs, w1 is woken
  w1.cancel();
  yield* sleep(0);
  yield* sleep(0);
  f2.set_result("y");
  yield* gather(w1, w2, { return_exceptions: true });
  console.log(log.join(" | "));
});

await run(main(), { clock: "virtual" });
