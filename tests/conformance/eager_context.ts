// Eager start: Task(coro, eager_start=True) runs at once only on a running loop; the first step runs in the task's own copied context.
import {
  Context,
  ContextVar,
  coroutine,
  eager_task_factory,
  gather,
  new_event_loop,
  sleep,
  Task,
} from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });
const log: string[] = [];
const py = (b: boolean) => (b ? "True" : "False");

const child = coroutine(function* child(label: string) {
  log.push(`${label} sees ${v.get()}`);
  v.set(label);
  yield* sleep(0);
  log.push(`${label} step 2 sees ${v.get()}`);
  return label;
});

const main = coroutine(function* main() {
  v.set("main");
  const t = new Task(child("direct"), { eager_start: true });
  log.push(`after Task(): main sees ${v.get()}`);
  const ctx = new Context();
  const t2 = new Task(child("in ctx"), { eager_start: true, context: ctx });
  log.push(`ctx holds ${ctx.get(v)}`);
  v.set("main2");
  yield* gather(t, t2);
  log.push(`main ends with ${v.get()}`);
});

const loop = new_event_loop();
loop.set_task_factory(eager_task_factory);
v.set("top");
const pending = loop.create_task(child("not running"));
log.push(`loop not running: done=${py(pending.done())}`);
await loop.run_until_complete(pending);
await loop.run_until_complete(main());
loop.close();
for (const line of log) console.log(line);
