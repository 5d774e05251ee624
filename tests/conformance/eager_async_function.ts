// An eager async function runs up to its first await inside create_task, as the current task.
// needs: AsyncLocalStorage
import {
  type Coroutine,
  coroutine,
  create_task,
  current_task,
  eager_task_factory,
  Event,
  get_running_loop,
  run,
} from "../../mod.ts";

const log: string[] = [];
const cur = () => (current_task()!.get_coro() as Coroutine<unknown>).__name__;

const child = coroutine(async function child(ev: Event) {
  log.push(`child step 1, current=${cur()}`);
  await ev.wait();
  log.push(`child step 2, current=${cur()}`);
  return 5;
});

const main = coroutine(async function main() {
  get_running_loop().set_task_factory(eager_task_factory);
  const ev = new Event();
  const t = create_task(child(ev));
  log.push(`after create_task, current=${cur()} done=${t.done() ? "True" : "False"}`);
  ev.set();
  log.push(`result ${await t}`);
  for (const line of log) console.log(line);
});

await run(main());
