// Awaiting a coroutine (or a helper that awaits) runs it inline in the awaiting task: same current_task, no new task.
import { all_tasks, coroutine, create_task, current_task, run, sleep } from "../../mod.ts";

function who(): string {
  const t = current_task();
  return t !== null ? t.get_name() : "None";
}

const leaf = coroutine(async (label: string) => {
  console.log(label, "in", who());
  await sleep(0);
  console.log(label, "after sleep in", who());
  return label;
});

async function helper(): Promise<string> {
  console.log("helper in", who());
  const v = await leaf("leaf-via-helper");
  return "helper:" + v;
}

const outer = coroutine(async () => {
  const before = all_tasks().size;
  const r1 = await leaf("leaf-direct");
  const r2 = await helper();
  const after = all_tasks().size;
  console.log("results", r1, r2, "task count unchanged", before === after ? "yes" : "no");
});

const bystander = coroutine(async () => {
  for (let i = 0; i < 4; i++) {
    console.log("bystander", i, "in", who());
    await sleep(0);
  }
});

const main = coroutine(async () => {
  current_task()?.set_name("main");
  const t = create_task(outer(), { name: "outer-task" });
  const b = create_task(bystander(), { name: "bystander" });
  await t;
  await b;
  console.log("main is", who());
});

await run(main(), { clock: "virtual" });
