// Barrier.abort(): waiting and later tasks raise BrokenBarrierError; an error inside `async with barrier` then abort; abort, then reset and reuse.
import {
  async_with,
  Barrier,
  BrokenBarrierError,
  coroutine,
  gather,
  run,
  RuntimeError,
} from "../../mod.ts";

const N = 5;
const py = (b: boolean) => (b ? "True" : "False");
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const main = coroutine(function* () {
  let barrier = new Barrier(1);
  yield* barrier.abort();
  console.log(
    "aborted idle: n_waiting",
    barrier.n_waiting,
    "broken",
    py(barrier.broken),
    py(String(barrier).endsWith("[broken]>")),
  );

  barrier = new Barrier(N);
  let log: string[] = [];
  let count = 0;
  const coro = coroutine(function* (name: string) {
    try {
      yield* barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      log.push(`${name}:broken1`);
      return;
    }
    count += 1;
    if (count > Math.floor(N / 2)) {
      log.push(`${name}:abort`);
      yield* barrier.abort();
    } else {
      try {
        yield* barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        log.push(`${name}:broken2`);
      }
    }
  });
  yield* gather(...range(N).map((i) => coro(`t${i}`)));
  console.log(log.join(" "), "| broken", py(barrier.broken), "n_waiting", barrier.n_waiting);

  barrier = new Barrier(N);
  log = [];
  const with_error = coroutine(function* (name: string) {
    try {
      yield* async_with(barrier, function* (i: number) {
        if (i === Math.floor(N / 2)) throw new RuntimeError("boom");
      });
      yield* async_with(barrier, function* () {
        log.push(`${name}:passed`);
      });
    } catch (e) {
      if (e instanceof BrokenBarrierError) {
        log.push(`${name}:broken`);
      } else if (e instanceof RuntimeError) {
        log.push(`${name}:${e.message}`);
        yield* barrier.abort();
      } else {
        throw e;
      }
    }
  });
  yield* gather(...range(N).map((i) => with_error(`e${i}`)));
  console.log(log.join(" "), "| broken", py(barrier.broken));

  const barrier1 = new Barrier(N);
  const barrier2 = new Barrier(N);
  log = [];
  const abort_then_reset = coroutine(function* (name: string) {
    try {
      const i: number = yield* barrier1.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeError();
      yield* barrier1.wait();
      log.push(`${name}:passed`);
    } catch (e) {
      if (e instanceof BrokenBarrierError) {
        log.push(`${name}:broken`);
      } else if (e instanceof RuntimeError) {
        log.push(`${name}:abort`);
        yield* barrier1.abort();
      } else {
        throw e;
      }
    }
    const i: number = yield* barrier2.wait();
    if (i === Math.floor(N / 2)) {
      log.push(`${name}:reset`);
      yield* barrier1.reset();
    }
    yield* barrier2.wait();
    const k: number = yield* barrier1.wait();
    log.push(`${name}:${k}`);
  });
  yield* gather(...range(N).map((i) => abort_then_reset(`r${i}`)));
  console.log(log.join(" "), "| broken", py(barrier1.broken), "n_waiting", barrier1.n_waiting);
});

await run(main(), { clock: "virtual" });
