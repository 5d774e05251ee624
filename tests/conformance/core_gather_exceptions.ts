// gather: return_exceptions=True turns errors and cancellations into results; without it the first error propagates while siblings run on.
import {
  CancelledError,
  coroutine,
  create_task,
  gather,
  get_running_loop,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";

const ok = coroutine(async (d: number, v: string) => {
  await sleep(d);
  console.log("ok finished", v);
  return v;
});

const boom = coroutine(async (d: number, msg: string): Promise<string> => {
  await sleep(d);
  console.log("boom raising", msg);
  throw new ValueError(msg);
});

function describe(r: unknown): string {
  if (r instanceof Error) return r.name + ":" + (r instanceof CancelledError ? "" : r.message);
  return String(r);
}

const main = coroutine(async () => {
  const victim = create_task(sleep(10));
  get_running_loop().call_later(0.01, () => victim.cancel());
  const results = await gather(ok(0.06, "a"), boom(0.02, "b"), victim, ok(0.04, "c"), {
    return_exceptions: true,
  });
  console.log("return_exceptions", results.map(describe).join(" "));

  const slow = create_task(ok(0.06, "slow sibling"));
  try {
    await gather(boom(0.02, "first"), slow, boom(0.04, "second"));
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("gather raised", e.message, "slow done", slow.done() ? "yes" : "no");
  }
  await sleep(0.08);
  console.log("slow sibling result", slow.result());
});

await run(main(), { clock: "virtual" });
