// A child cancelled on its own (not through the gather) makes the gather raise CancelledError with the child's message while the others keep running; with return_exceptions it is returned instead (test_one_cancellation).
import {
  CancelledError,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");

const child = coroutine(function* (name: string, delay: number) {
  yield* sleep(delay);
  console.log("done", name);
  return name;
});

const main = coroutine(function* () {
  const loop = get_running_loop();
  let victim = create_task(child("victim", 1));
  const other = create_task(child("other", 0.1));
  loop.call_later(0.01, () => victim.cancel("by hand"));
  const g = gather(victim, other);
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gather raised CancelledError", `'${e.message}'`);
  }
  console.log(
    "gather done",
    py(g.done()),
    "cancelled",
    py(g.cancelled()),
    "other done",
    py(other.done()),
  );
  console.log("other", yield* other);

  victim = create_task(child("victim", 1));
  loop.call_later(0.01, () => victim.cancel());
  const results = yield* gather(victim, child("second", 0.02), { return_exceptions: true });
  console.log("returned", (results[0] as unknown as Error).name, results[1]);

  // A plain future cancelled by hand.
  const fut = loop.create_future<string>();
  loop.call_soon(() => fut.cancel("future cancelled"));
  try {
    yield* gather(fut, child("third", 0.05));
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("future case", `'${e.message}'`);
  }
  yield* sleep(0.1);
});

await run(main(), { clock: "virtual" });
