// asyncio.run raises CancelledError when the main task ends cancelled, and the next run works normally.
import { CancelledError, coroutine, current_task, run, sleep } from "../../mod.ts";

const self_cancel = coroutine(async () => {
  current_task()!.cancel();
  await sleep(0);
  console.log("not reached");
});

// deno-lint-ignore require-await
const fine = coroutine(async () => "fine");

try {
  await run(self_cancel(), { clock: "virtual" });
} catch (e) {
  if (!(e instanceof CancelledError)) throw e;
  console.log("run raised CancelledError");
}
console.log("next run", await run(fine(), { clock: "virtual" }));
