// Subprocesses: exec and shell, pipes, communicate, exit codes, signals, a timeout.
import { coroutine, FileNotFoundError, run, TimeoutError, wait_for } from "../../mod.ts";
import { create_subprocess_exec, create_subprocess_shell, PIPE, STDOUT } from "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const SIGINT = 2;
const bytes = (text: string) => new TextEncoder().encode(text);
const strip = (data: Uint8Array) => bytes(new TextDecoder().decode(data).trim());

const main = coroutine(async () => {
  let proc = await create_subprocess_exec("printf", "a\\nb\\n", { stdout: PIPE });
  console.log(
    pybytes(await proc.stdout!.readline()),
    pybytes(await proc.stdout!.read()),
    await proc.wait(),
    proc.returncode,
  );

  proc = await create_subprocess_shell("cat; echo oops >&2; exit 3", {
    stdin: PIPE,
    stdout: PIPE,
    stderr: PIPE,
  });
  const [fed, oops] = await proc.communicate(bytes("fed"));
  console.log(`(${pybytes(fed!)}, ${pybytes(oops!)})`, proc.returncode);

  proc = await create_subprocess_exec("wc", "-l", { stdin: PIPE, stdout: PIPE });
  for (let i = 0; i < 3; i++) proc.stdin!.write(bytes(`line ${i}\n`));
  await proc.stdin!.drain();
  proc.stdin!.close();
  await proc.stdin!.wait_closed();
  console.log(pybytes(strip(await proc.stdout!.read())), await proc.wait());

  proc = await create_subprocess_shell("echo out; echo err >&2", { stdout: PIPE, stderr: STDOUT });
  const [out, err] = await proc.communicate();
  const words = new TextDecoder().decode(out!).split(/\s+/).filter((word) => word !== "").sort();
  console.log(`[${words.map((word) => pybytes(bytes(word))).join(", ")}]`, err ?? "None");

  proc = await create_subprocess_exec("sleep", "30");
  console.log("running:", proc.returncode ?? "None");
  proc.terminate();
  console.log("terminated:", await proc.wait());
  proc = await create_subprocess_exec("sleep", "30");
  proc.send_signal(SIGINT);
  console.log("interrupted:", await proc.wait());

  proc = await create_subprocess_exec("sleep", "30");
  try {
    await wait_for(proc.wait(), 0.05);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.log("timed out; still running:", pybool(proc.returncode === null));
  }
  proc.kill();
  console.log("killed:", await proc.wait());

  try {
    await create_subprocess_exec("/nonexistent/program");
  } catch (e) {
    if (!(e instanceof FileNotFoundError)) throw e;
    console.log("not found");
  }
});

await run(main());
