// Ctrl-C while run() runs: the main task is cancelled, then KeyboardInterrupt.
import {
  CancelledError,
  coroutine,
  current_task,
  get_running_loop,
  KeyboardInterrupt,
  run,
  Runner,
  sleep,
} from "../../mod.ts";

/** Sends this process SIGINT, as `signal.raise_signal(signal.SIGINT)`. */
const raise_sigint = () => Deno.kill(Deno.pid, "SIGINT");

const main = coroutine(async () => {
  get_running_loop().call_later(0.01, raise_sigint);
  try {
    await sleep(10);
  } catch (error) {
    if (error instanceof CancelledError) {
      console.log("main cancelled, cancelling:", current_task()!.cancelling());
    }
    throw error;
  } finally {
    console.log("main finally");
  }
});

try {
  await run(main());
} catch (error) {
  if (!(error instanceof KeyboardInterrupt)) throw error;
  console.log("KeyboardInterrupt");
}

const stubborn = coroutine(async () => {
  get_running_loop().call_later(0.01, raise_sigint);
  try {
    await sleep(10);
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log("stubborn swallowed the cancellation");
  }
  return "stubborn result";
});

console.log(await run(stubborn()));

const shielded = coroutine(async () => {
  get_running_loop().call_later(0.01, raise_sigint);
  try {
    await sleep(10);
  } catch (error) {
    console.log("uncancel:", current_task()!.uncancel());
    await sleep(0.01);
    throw error;
  }
});

try {
  await run(shielded());
} catch (error) {
  if (error instanceof KeyboardInterrupt) console.log("KeyboardInterrupt");
  else if (error instanceof CancelledError) console.log("CancelledError");
  else throw error;
}

const runner = new Runner();
try {
  console.log(await runner.run(sleep(0, "the runner works again")));
} finally {
  await runner.close();
}
