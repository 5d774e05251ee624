// Generator-style tasks: every step runs in the task's own context; a Token resets within it.
import { ContextVar, coroutine, gather, run, sleep } from "../../mod.ts";

const depth = new ContextVar<number>("depth", { default: 0 });
const log: string[] = [];

const worker = coroutine(function* worker(name: string, n: number) {
  const token = depth.set(n);
  log.push(`${name} set ${depth.get()}`);
  yield* sleep(0);
  log.push(`${name} step2 ${depth.get()}`);
  depth.reset(token);
  log.push(`${name} reset ${depth.get()}`);
  yield* sleep(0);
  log.push(`${name} step3 ${depth.get()}`);
});

const main = coroutine(function* main() {
  depth.set(100);
  yield* gather(worker("x", 1), worker("y", 2));
  log.push(`main ${depth.get()}`);
  for (const line of log) console.log(line);
});

await run(main());
