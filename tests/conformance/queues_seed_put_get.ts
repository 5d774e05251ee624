// q.put() does nothing until scheduled: three ensure_future(q.put(n)), then get() returns them in order.
import { coroutine, ensure_future, Queue, run } from "../../mod.ts";

const main = coroutine(async () => {
  const q = new Queue<number>();
  q.put(0);
  console.log("after calling put, qsize", q.qsize());
  for (const n of [1, 2, 3]) ensure_future(q.put(n));
  console.log("after ensure_future, qsize", q.qsize());
  for (let i = 0; i < 3; i++) console.log("got", await q.get());
  console.log("empty", q.empty() ? "yes" : "no", "full", q.full() ? "yes" : "no");
});

await run(main(), { clock: "virtual" });
