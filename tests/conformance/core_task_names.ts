// Explicit task names, set_name (any value becomes a string), and the default Task-<n> form.
import { coroutine, create_task, current_task, run, sleep } from "../../mod.ts";

const report = coroutine(async () => {
  await sleep(0);
  return current_task()!.get_name();
});

const main = coroutine(async () => {
  const a = create_task(report(), { name: "alpha" });
  const b = create_task(report());
  console.log("a", a.get_name());
  console.log("b default form", /^Task-\d+$/.test(b.get_name()) ? "yes" : "no");
  b.set_name("beta");
  console.log("b renamed", b.get_name());
  const c = create_task(report(), { name: "gamma" });
  c.set_name(123);
  console.log(
    "c renamed from int",
    c.get_name(),
    typeof c.get_name() === "string" ? "str" : "other",
  );
  console.log("reported", await a, await b, await c);
  a.set_name("alpha-after-done");
  console.log("rename after done", a.get_name());
});

await run(main(), { clock: "virtual" });
