// current_task() is the task whose step runs now, None in plain callbacks, and an error outside a running loop.
import {
  coroutine,
  create_task,
  current_task,
  get_running_loop,
  run,
  RuntimeError,
  sleep,
  type Task,
} from "../../mod.ts";

function name_of(t: Task<unknown> | null): string {
  return t !== null ? t.get_name() : "None";
}

const child = coroutine(async () => {
  console.log("child sees", name_of(current_task()));
  await sleep(0);
  console.log("child after sleep sees", name_of(current_task()));
});

const main = coroutine(async () => {
  const me = current_task()!;
  me.set_name("main");
  const loop = get_running_loop();
  console.log("main sees", name_of(me), "is itself", current_task() === me ? "yes" : "no");
  loop.call_soon(() => console.log("callback sees", name_of(current_task())));
  const t = create_task(child(), { name: "child" });
  t.add_done_callback(() => console.log("done callback sees", name_of(current_task())));
  await t;
  console.log("main after await sees", name_of(current_task()));
  console.log("current_task(loop) sees", name_of(current_task(loop)));
});

await run(main(), { clock: "virtual" });
try {
  current_task();
} catch (e) {
  if (!(e instanceof RuntimeError)) throw e;
  console.log("outside a loop: RuntimeError");
}
