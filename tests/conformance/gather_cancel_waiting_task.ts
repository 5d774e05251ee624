// Cancelling the task that awaits a gather cancels the gather and every child (test_cancellation_broadcast); the gather in a loop passes a cancel message through (test_cancel_gather_2); nested gathers cancel down the tree.
import {
  CancelledError,
  coroutine,
  create_task,
  ensure_future,
  gather,
  type GatheringFuture,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");
let proof = 0;

const main = coroutine(function* () {
  const loop = get_running_loop();
  const waiter = loop.create_future<void>();

  const inner = coroutine(function* () {
    yield* waiter;
    proof += 1;
  });

  const child1 = ensure_future(inner());
  const child2 = ensure_future(inner());
  let gatherer!: GatheringFuture<unknown>;

  const outer = coroutine(function* () {
    gatherer = gather(child1, child2);
    yield* gatherer;
    proof += 100;
  });

  const f = ensure_future(outer());
  yield* sleep(0);
  console.log("cancel outer ->", py(f.cancel()));
  try {
    yield* f;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("outer raised CancelledError");
  }
  console.log("gatherer.cancel() ->", py(gatherer.cancel()));
  console.log(
    "waiter",
    py(waiter.cancelled()),
    "children",
    py(child1.cancelled()),
    py(child2.cancelled()),
  );
  yield* sleep(0);
  console.log("proof", String(proof));

  const looping = coroutine(function* () {
    for (;;) yield* gather(sleep(0.01), { return_exceptions: true });
  });

  const qwe = create_task(looping());
  yield* sleep(0.035);
  qwe.cancel("my message");
  try {
    yield* qwe;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("looping raised CancelledError", `'${e.message}'`);
  }

  const leaves = [0, 1, 2].map(() => create_task(sleep(1)));
  const top = gather(gather(leaves[0], leaves[1]), leaves[2]);
  yield* sleep(0);
  console.log("top.cancel() ->", py(top.cancel("down")));
  try {
    yield* top;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("top raised CancelledError", `'${e.message}'`);
  }
  console.log("leaves", leaves.map((t) => py(t.cancelled())).join(","));
});

await run(main(), { clock: "virtual" });
