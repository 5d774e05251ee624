// PriorityQueue with equal priorities: items come out in exactly heapq's order (here via compare on the priority alone).
import { coroutine, PriorityQueue, run } from "../../mod.ts";

interface Job {
  priority: number;
  name: string;
}

const main = coroutine(async () => {
  const q = new PriorityQueue<Job>(0, { compare: (a, b) => a.priority - b.priority });
  const names = "abcdefghijklmnopqrst";
  [...names].forEach((name, i) => q.put_nowait({ priority: (i * 7) % 3, name }));
  const out: string[] = [];
  while (q.qsize() > 5) {
    const job = await q.get();
    out.push(`${job.priority}${job.name}`);
  }
  [..."UVWXYZ"].forEach((name, i) => q.put_nowait({ priority: i % 2, name }));
  while (!q.empty()) {
    const job = q.get_nowait();
    out.push(`${job.priority}${job.name}`);
  }
  console.log(out.join(" "));
});

await run(main(), { clock: "virtual" });
