// Signal handlers run on the loop; to_thread and run_in_executor compute off the loop.
import {
  coroutine,
  current_task,
  Event,
  gather,
  get_running_loop,
  run,
  RuntimeError,
  to_thread,
  ValueError,
} from "../../mod.ts";
import { pybool } from "./_pyrepr.ts";

const SIGUSR1 = 10;
const SIGKILL = 9;

// Functions for workers are self-contained: they take what they need.
const total = (numbers: number[]) => numbers.reduce((sum, n) => sum + n, 0);
const total_below = (n: number) => (n * (n - 1)) / 2;
const fail = (message: string) => {
  throw new RangeError(message);
};

const main = coroutine(async () => {
  const loop = get_running_loop();
  const got = new Event();
  const on_signal = (name: string) => {
    console.log("signal", name, "in a task:", pybool(current_task() !== null));
    got.set();
  };
  loop.add_signal_handler(SIGUSR1, on_signal, "USR1");
  Deno.kill(Deno.pid, "SIGUSR1");
  await got.wait();
  console.log(
    "removed:",
    pybool(loop.remove_signal_handler(SIGUSR1)),
    pybool(loop.remove_signal_handler(SIGUSR1)),
  );
  try {
    loop.add_signal_handler(SIGKILL, on_signal, "KILL");
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("RuntimeError:", e.message);
  }

  console.log(await to_thread(total, [1, 2, 3]));
  const sums = await gather(...[10, 100].map((n) => loop.run_in_executor(null, total_below, n)));
  console.log(`[${sums.join(", ")}]`);
  try {
    await to_thread(fail, "from a thread");
  } catch (e) {
    // A worker's RangeError is Python's ValueError here (ValueError extends RangeError).
    if (!(e instanceof RangeError) || e instanceof ValueError) throw e;
    console.log("ValueError:", e.message);
  }
});

await run(main());
