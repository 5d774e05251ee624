// as_completed() and wait(): how many loop iterations pass between a task finishing and the waiter resuming (generator style in TS).
import {
  as_completed,
  coroutine,
  create_task,
  run,
  shield,
  sleep,
  wait,
  wait_for,
} from "../../mod.ts";

const log: string[] = [];

const ticker = coroutine(function* (n: number) {
  for (let i = 0; i < n; i++) {
    log.push(`tick${i}`);
    yield* sleep(0);
  }
});

const quick = coroutine(function* (name: string, steps: number) {
  for (let i = 0; i < steps; i++) yield* sleep(0);
  log.push(`${name} done`);
  return name;
});

const main = coroutine(function* () {
  let t = create_task(ticker(12));
  for (const f of as_completed([quick("a", 1), quick("b", 4)])) {
    log.push("got " + (yield* f));
  }
  yield* t;
  console.log(log.join(" "));
  log.length = 0;

  t = create_task(ticker(8));
  const a = create_task(quick("a", 2));
  yield* wait([a]);
  log.push("wait returned");
  yield* wait_for(quick("w", 1), 1);
  log.push("wait_for returned");
  const s = shield(quick("s", 1));
  log.push("shield " + (yield* s));
  yield* t;
  console.log(log.join(" "));
});

await run(main(), { clock: "virtual" });
