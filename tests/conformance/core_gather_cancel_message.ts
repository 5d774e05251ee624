// Messages of CancelledErrors that come out of a cancelled gather, and of cancelled children returned as results.
import { CancelledError, coroutine, create_task, gather, run, sleep } from "../../mod.ts";

// deno-lint-ignore require-await
const quick = coroutine(async () => "q");

const slow = coroutine(async () => {
  await sleep(1);
});

function msg(e: Error): string {
  return `'${e.message}'`;
}

const main = coroutine(async () => {
  for (const order of ["slow-first", "quick-first"]) {
    for (const rexc of [false, true]) {
      const a = create_task(slow());
      const b = create_task(quick());
      const g = order === "slow-first"
        ? gather(a, b, { return_exceptions: rexc })
        : gather(b, a, { return_exceptions: rexc });
      await sleep(0);
      await sleep(0);
      g.cancel("outer msg");
      try {
        await g;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        console.log(order, rexc ? "return_exceptions" : "raise", "gather raised", msg(e));
      }
    }
  }
  const victim = create_task(slow());
  const g = gather(victim, quick(), { return_exceptions: true });
  await sleep(0);
  victim.cancel("child msg");
  const results = await g;
  const first = results[0] as unknown as Error;
  console.log("cancelled child as result:", first.name, msg(first), results[1]);
});

await run(main(), { clock: "virtual" });
