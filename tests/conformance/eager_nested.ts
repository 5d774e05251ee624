// Eager tasks nest: an eager task that creates one restores itself as current; errors and cancellation in the first step.
import {
  CancelledError,
  type Coroutine,
  coroutine,
  create_task,
  current_task,
  eager_task_factory,
  get_running_loop,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

const log: string[] = [];
const cur = () => (current_task()!.get_coro() as Coroutine<unknown>).__name__;
const py = (b: boolean) => (b ? "True" : "False");
const pyerr = (e: Error) => `${e.name}('${e.message}')`;

// deno-lint-ignore require-yield
const leaf = coroutine(function* leaf() {
  log.push(`leaf runs in ${cur()}`);
  return "leaf";
});

const middle = coroutine(function* middle() {
  log.push(`middle starts in ${cur()}`);
  const t = create_task(leaf());
  log.push(`middle after leaf: ${cur()} leaf done=${py(t.done())}`);
  yield* sleep(0);
  return (yield t) as string;
});

// deno-lint-ignore require-yield
const failing = coroutine(function* failing() {
  log.push("failing runs");
  throw new ValueError("boom");
});

const cancels_itself = coroutine(function* cancels_itself() {
  current_task()!.cancel();
  log.push("cancel requested in first step");
  yield* sleep(0);
  log.push("never");
});

const main = coroutine(function* main() {
  const loop = get_running_loop();
  loop.set_task_factory(eager_task_factory);
  const m = create_task(middle());
  log.push(`main after middle: ${cur()} middle done=${py(m.done())}`);
  const f = create_task(failing());
  log.push(`failing done=${py(f.done())} exception=${pyerr(f.exception() as Error)}`);
  const c = create_task(cancels_itself());
  log.push(`cancels_itself done=${py(c.done())} cancelling=${c.cancelling()}`);
  log.push(`middle gave ${yield m}`);
  try {
    yield c;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    log.push(`cancels_itself cancelled=${py(c.cancelled())}`);
  }
  for (const line of log) console.log(line);
});

await run(main());
