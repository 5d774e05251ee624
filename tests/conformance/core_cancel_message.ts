// The cancel message reaches the cancelled coroutine and the task's awaiter; no message gives an empty one.
import { CancelledError, coroutine, create_task, get_running_loop, run, sleep } from "../../mod.ts";

function msg(e: CancelledError): string {
  return `'${e.message}'`;
}

const victim = coroutine(async (name: string) => {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, "inside got", msg(e));
    throw e;
  }
});

const main = coroutine(async () => {
  for (const [name, message] of [["with-msg", "stop now"], ["no-msg", null]] as const) {
    const t = create_task(victim(name));
    await sleep(0);
    if (message === null) t.cancel();
    else t.cancel(message);
    try {
      await t;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(name, "awaiter got", msg(e));
    }
    try {
      t.result();
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      console.log(name, "result() got", msg(e));
    }
  }
  const fut = get_running_loop().create_future();
  fut.cancel("future msg");
  try {
    await fut;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("future awaiter got", msg(e));
  }
});

await run(main(), { clock: "virtual" });
