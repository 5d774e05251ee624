// all_tasks() holds the loop's unfinished tasks: new ones count at once, finished or cancelled ones drop out.
import {
  all_tasks,
  coroutine,
  create_task,
  current_task,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";

const napper = coroutine(async (d: number) => {
  await sleep(d);
});

function names(): string {
  return [...all_tasks()].map((t) => t.get_name()).sort().join(",");
}

const main = coroutine(async () => {
  current_task()!.set_name("main");
  console.log("start", all_tasks().size, names());
  const a = create_task(napper(0.01), { name: "a" });
  const b = create_task(napper(0.05), { name: "b" });
  const c = create_task(napper(0.1), { name: "c" });
  console.log("created", all_tasks().size, names());
  console.log("main included", all_tasks().has(current_task()!) ? "yes" : "no");
  await a;
  console.log("after a", all_tasks().size, names());
  c.cancel();
  console.log("c cancel requested", all_tasks().size, names());
  await sleep(0);
  console.log("c cancelled", all_tasks().size, names());
  await b;
  console.log("end", all_tasks().size, names());
  console.log("all_tasks(loop)", all_tasks(get_running_loop()).size);
});

await run(main(), { clock: "virtual" });
