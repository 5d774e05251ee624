// Across awaits of outside work (a sleep here, a host timer in the port), each task keeps its own value.
// needs: AsyncLocalStorage
import { ContextVar, coroutine, gather, run, sleep } from "../../mod.ts";

const v = new ContextVar<string>("v", { default: "unset" });

function outside_work(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

const worker = coroutine(async function worker(label: string, delay: number) {
  v.set(label);
  await outside_work(delay);
  const first = v.get();
  await sleep(0);
  await outside_work(delay);
  return `${label}: ${first} ${v.get()}`;
});

const main = coroutine(async function main() {
  v.set("main");
  const results = await gather(...[0, 1, 2, 3, 4].map((i) => worker(`w${i}`, 0.002 * (5 - i))));
  for (const line of results) console.log(line);
  console.log("main", v.get());
});

await run(main());
