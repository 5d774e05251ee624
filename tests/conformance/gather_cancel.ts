// Cancelling a gather cancels every child that is not done; the gather finishes with a CancelledError carrying the message (it is not itself cancelled), even with return_exceptions; a done gather refuses cancel (test_cancel_gather_1/2).
import { CancelledError, coroutine, create_task, gather, run, sleep } from "../../mod.ts";

const py = (b: boolean) => (b ? "True" : "False");
const log: string[] = [];

const child = coroutine(async (name: string, delay: number) => {
  try {
    await sleep(delay);
    log.push(`${name} done`);
    return name;
  } catch (e) {
    if (e instanceof CancelledError) log.push(`${name} cancelled(${e.message})`);
    throw e;
  }
});

const cases = coroutine(async (return_exceptions: boolean) => {
  log.length = 0;
  const a = create_task(child("a", 0.01));
  const b = create_task(child("b", 0.2));
  const c = create_task(child("c", 0.25));
  const g = gather(a, b, c, { return_exceptions });
  await sleep(0.02);
  console.log("cancel() ->", py(g.cancel("enough")));
  try {
    const r = await g;
    console.log("gather returned", String(r));
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("gather raised CancelledError", `'${e.message}'`);
  }
  console.log("done", py(g.done()), "cancelled", py(g.cancelled()));
  console.log("children", py(a.cancelled()), py(b.cancelled()), py(c.cancelled()));
  console.log("second cancel() ->", py(g.cancel()));
  console.log(log.sort().join(";"));
});

const main = coroutine(async () => {
  await cases(false);
  await cases(true);
  // Cancelling after every child is done: nothing to cancel.
  const g = gather(sleep(0.01, "x"));
  await sleep(0.02);
  console.log("late cancel() ->", py(g.cancel()), "result", (await g).join(","));
});

await run(main(), { clock: "virtual" });
