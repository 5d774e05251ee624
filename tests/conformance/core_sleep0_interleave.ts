import { coroutine, create_task, run, sleep } from "../../mod.ts";

const worker = coroutine(async (name: string, n: number) => {
  for (let i = 0; i < n; i++) {
    console.log(name, i);
    await sleep(0);
  }
  return name;
});

const main = coroutine(async () => {
  const a = create_task(worker("A", 3));
  const b = create_task(worker("B", 2));
  console.log(await a, await b);
});

await run(main());
