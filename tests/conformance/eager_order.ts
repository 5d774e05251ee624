// Eager tasks: the first step runs inside create_task, as the current task; a task that finishes there is done at once.
import {
  all_tasks,
  type Coroutine,
  coroutine,
  create_task,
  current_task,
  eager_task_factory,
  get_running_loop,
  run,
  sleep,
  type Task,
} from "../../mod.ts";

const log: string[] = [];
const py = (b: boolean) => (b ? "True" : "False");
const name_of = (t: Task<unknown>) => (t.get_coro() as Coroutine<unknown>).__name__;
const cur = () => name_of(current_task()!);

// deno-lint-ignore require-yield
const quick = coroutine(function* quick(name: string) {
  log.push(
    `${name} runs, current=${cur()}, in all_tasks=${py(all_tasks().has(current_task()!))}`,
  );
  return name;
});

const slow = coroutine(function* slow(name: string) {
  log.push(`${name} step 1, current=${cur()}`);
  yield* sleep(0);
  log.push(`${name} step 2, current=${cur()}`);
  return name;
});

const main = coroutine(function* main() {
  const loop = get_running_loop();
  current_task()!.set_name("main");
  loop.set_task_factory(eager_task_factory);
  loop.call_soon(() => log.push("callback scheduled before"));
  const t1 = create_task(quick("q"));
  log.push(`after q: done=${py(t1.done())} result=${t1.result()} current=${cur()}`);
  const t2 = create_task(slow("s"));
  const names = [...all_tasks()].map((t) => `'${name_of(t)}'`).sort().join(", ");
  log.push(`after s: done=${py(t2.done())} current=${cur()} all=[${names}]`);
  loop.call_soon(() => log.push("callback scheduled after"));
  t1.add_done_callback(() => log.push("q done callback"));
  yield t2;
  log.push("main end");
  for (const line of log) console.log(line);
});

await run(main());
