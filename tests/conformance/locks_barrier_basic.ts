// Barrier: arrival indices, n_waiting while filling, draining state seen by the released tasks, waiting twice, async with.
import { async_with, Barrier, coroutine, create_task, gather, run, sleep } from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const main = coroutine(function* () {
  const N = 4;
  const barrier = new Barrier(N);
  console.log(
    "parties",
    barrier.parties,
    "n_waiting",
    barrier.n_waiting,
    "broken",
    py(barrier.broken),
  );
  const log: string[] = [];
  const coro = coroutine(function* (name: string) {
    yield* async_with(barrier, function* (i: number) {
      log.push(`${name}:${i}:${py(String(barrier).includes("draining"))}`);
      yield* async_with(barrier, function* (j: number) {
        log.push(`${name}:${j}`);
      });
    });
  });
  const tasks = [];
  for (let k = 0; k < N; k++) {
    tasks.push(create_task(coro(`t${k}`)));
    yield* sleep(0);
    console.log("n_waiting", barrier.n_waiting);
  }
  yield* gather(...tasks);
  console.log(log.join(" "));
  console.log(
    "n_waiting",
    barrier.n_waiting,
    "broken",
    py(barrier.broken),
    py(String(barrier).includes("filling")),
  );

  const one = new Barrier(1);
  const t1 = create_task(one.wait());
  yield* sleep(0);
  const t2 = create_task(one.wait());
  yield* sleep(0);
  console.log("barrier(1)", t1.result(), t2.result(), one.n_waiting);

  const b3 = new Barrier(3);
  const arrive = coroutine(function* (name: string, delay: number) {
    yield* sleep(delay);
    const i: number = yield* b3.wait();
    console.log(name, "index", i);
    return i;
  });
  const res: number[] = yield* gather(
    arrive("slow", 0.03),
    arrive("fast", 0.01),
    arrive("mid", 0.02),
  );
  console.log("results", res.join(","));
});

await run(main(), { clock: "virtual" });
