import {
  BrokenPipeError,
  CancelledError,
  ConnectionResetError,
  coroutine,
  create_task,
  FileNotFoundError,
  new_event_loop,
  OSError,
  PermissionError,
  ProcessLookupError,
  run,
  sleep,
  ValueError,
} from "../mod.ts";
import {
  create_subprocess_exec,
  create_subprocess_shell,
  DEVNULL,
  PIPE,
  type Process,
  STDOUT,
} from "../io.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows, raises } from "./_assert.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (data: Uint8Array | null) => data === null ? null : decoder.decode(data);

function rrun<T>(body: () => Promise<T>): Promise<T> {
  return run(coroutine(body)());
}

Deno.test("subprocess: stdout as a StreamReader; wait() gives the exit code", async () => {
  await rrun(async () => {
    const proc = await create_subprocess_exec("printf", "one\\ntwo\\n", { stdout: PIPE });
    assertOk(proc.pid > 0);
    assertStrictEquals(String(proc), `<Process ${proc.pid}>`);
    assertStrictEquals(proc.stdin, null);
    assertStrictEquals(proc.stderr, null);
    assertStrictEquals(text(await proc.stdout!.readline()), "one\n");
    assertStrictEquals(text(await proc.stdout!.readline()), "two\n");
    assertStrictEquals(text(await proc.stdout!.readline()), "");
    assertStrictEquals(await proc.wait(), 0);
    assertStrictEquals(proc.returncode, 0);
    assertStrictEquals(await proc.wait(), 0); // again: at once
  });
});

Deno.test("subprocess: communicate() sends stdin and reads both outputs", async () => {
  await rrun(async () => {
    const proc = await create_subprocess_shell("cat; echo done >&2; exit 4", {
      stdin: PIPE,
      stdout: PIPE,
      stderr: PIPE,
    });
    const [out, err] = await proc.communicate(encoder.encode("from the parent"));
    assertEquals([text(out), text(err)], ["from the parent", "done\n"]);
    assertStrictEquals(proc.returncode, 4);
  });
});

Deno.test("subprocess: megabytes both ways through cat, with flow control", async () => {
  await rrun(async () => {
    const size = 8 * 1024 * 1024;
    const input = new Uint8Array(size).map((_, i) => i % 256);
    const proc = await create_subprocess_exec("cat", { stdin: PIPE, stdout: PIPE });
    const [out] = await proc.communicate(input);
    assertStrictEquals(out!.length, size);
    assertOk(out!.every((byte, i) => byte === i % 256));
  });
});

Deno.test("subprocess: the stdin writer drains, closes, and waits for the close", async () => {
  await rrun(async () => {
    const proc = await create_subprocess_exec("wc", "-c", { stdin: PIPE, stdout: PIPE });
    const stdin = proc.stdin!;
    stdin.write(encoder.encode("12345"));
    stdin.writelines([encoder.encode("678")]);
    await stdin.drain();
    assertStrictEquals(stdin.can_write_eof(), true);
    stdin.close();
    assertStrictEquals(stdin.is_closing(), true);
    await stdin.wait_closed();
    assertStrictEquals(text(await proc.stdout!.read())!.trim(), "8");
    assertStrictEquals(await proc.wait(), 0);
  });
});

Deno.test("subprocess: writing after the child exited: drain raises ConnectionResetError", async () => {
  await rrun(async () => {
    const proc = await create_subprocess_exec("true", { stdin: PIPE });
    assertStrictEquals(await proc.wait(), 0);
    proc.stdin!.write(encoder.encode("too late"));
    const error = await raises(proc.stdin!.drain(), ConnectionResetError);
    assertStrictEquals(error.message, "Connection lost");
  });
});

Deno.test("subprocess: stderr into stdout's pipe, DEVNULL, and the shell's exit code", async () => {
  await rrun(async () => {
    const merged = await create_subprocess_shell("echo out; echo err >&2", {
      stdout: PIPE,
      stderr: STDOUT,
    });
    assertStrictEquals(merged.stderr, null);
    const [out, err] = await merged.communicate();
    assertEquals(text(out)!.split("\n").sort(), ["", "err", "out"]);
    assertStrictEquals(err, null);
    const quiet = await create_subprocess_shell("echo hidden; exit 7", { stdout: DEVNULL });
    assertStrictEquals(quiet.stdout, null);
    assertStrictEquals(await quiet.wait(), 7);
  });
});

Deno.test("subprocess: terminate, kill and send_signal give negative return codes", async () => {
  await rrun(async () => {
    for (
      const [stop, code] of [
        [(p: Process) => p.terminate(), -15],
        [(p: Process) => p.kill(), -9],
        [(p: Process) => p.send_signal(2), -2],
        [(p: Process) => p.send_signal("SIGUSR1"), -10],
      ] as const
    ) {
      const proc = await create_subprocess_exec("sleep", "30");
      assertStrictEquals(proc.returncode, null);
      stop(proc);
      assertStrictEquals(await proc.wait(), code);
    }
    const proc = await create_subprocess_exec("true");
    assertThrows(
      () => proc.send_signal(99),
      (e: unknown) => e instanceof ValueError && e.message === "invalid signal number 99",
    );
    await proc.wait();
  });
});

Deno.test("subprocess: a cancelled wait() leaves the child running", async () => {
  await rrun(async () => {
    const proc = await create_subprocess_exec("sleep", "0.2");
    const waiting = create_task(proc.wait());
    await sleep(0.01);
    waiting.cancel();
    await raises(waiting, CancelledError);
    assertStrictEquals(proc.returncode, null);
    assertStrictEquals(await proc.wait(), 0);
  });
});

Deno.test("subprocess: cwd and a whole new environment", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir());
  try {
    await rrun(async () => {
      const proc = await create_subprocess_shell('echo "$GREETING"; pwd; echo "[$HOME]"', {
        stdout: PIPE,
        cwd: dir,
        env: { GREETING: "hi" },
      });
      const [out] = await proc.communicate();
      assertEquals(text(out)!.split("\n"), ["hi", dir, "[]", ""]);
    });
  } finally {
    await Deno.remove(dir);
  }
});

Deno.test("subprocess: generator coroutines use yield*", async () => {
  const code = await run(
    coroutine(function* () {
      const proc: Process = yield* create_subprocess_exec("sh", "-c", "exit 5");
      return yield* proc.wait();
    })(),
  );
  assertStrictEquals(code, 5);
});

Deno.test("subprocess: a signal after wait() is ProcessLookupError; exited, not yet waited for, it is dropped", async () => {
  await rrun(async () => {
    const done = await create_subprocess_exec("true");
    await done.wait();
    for (const stop of [() => done.kill(), () => done.terminate(), () => done.send_signal(2)]) {
      assertThrows(stop, (e: unknown) => e instanceof ProcessLookupError && e instanceof OSError);
    }
    // The shell exits; the sleep it left behind keeps stdout open. As
    // CPython's, wait() once the child exited returns at once, and a signal
    // is dropped until the pipes are closed too.
    const proc = await create_subprocess_shell("sleep 0.2 & exit 0", { stdout: PIPE });
    while (proc.returncode === null) await sleep(0.01);
    proc.kill(); // dropped, as CPython's Popen.send_signal does
    assertStrictEquals(await proc.wait(), 0);
    proc.kill();
    assertStrictEquals((await proc.stdout!.read()).length, 0);
    while (proc._transport.get_protocol() !== null) await sleep(0.01);
    assertThrows(() => proc.kill(), ProcessLookupError);
  });
});

Deno.test("subprocess: a program that does not exist is FileNotFoundError; one not executable, PermissionError", async () => {
  await rrun(async () => {
    const missing = await raises(create_subprocess_exec("/nonexistent/program"), FileNotFoundError);
    assertOk(missing.cause instanceof Deno.errors.NotFound);
    assertStrictEquals(missing.filename, "/nonexistent/program");
    assertStrictEquals(
      missing.message,
      `[Errno ${missing.errno}] ${missing.strerror}: '/nonexistent/program'`,
    );
    const file = await Deno.makeTempFile(); // not executable
    try {
      const denied = await raises(create_subprocess_exec(file), PermissionError);
      assertOk(denied.cause instanceof Deno.errors.PermissionDenied);
    } finally {
      await Deno.remove(file);
    }
  });
});

Deno.test("subprocess: writing to a pipe nobody reads is BrokenPipeError", async () => {
  await rrun(async () => {
    // The child exits with bytes unread: drain and wait_closed raise it, as CPython.
    const exiting = await create_subprocess_exec("sleep", "0.1", { stdin: PIPE });
    exiting.stdin!.write(new Uint8Array(4 * 1024 * 1024)); // more than the pipe holds
    await raises(exiting.stdin!.drain(), BrokenPipeError);
    await raises(exiting.stdin!.wait_closed(), BrokenPipeError);
    assertStrictEquals(await exiting.wait(), 0);
    // The child closed its stdin: the system's EPIPE, under Python's name.
    const closed = await create_subprocess_shell("exec 0<&-; echo closed; sleep 0.2", {
      stdin: PIPE,
      stdout: PIPE,
    });
    assertStrictEquals(text(await closed.stdout!.readline()), "closed\n");
    closed.stdin!.write(encoder.encode("nobody reads this"));
    const error = await raises(closed.stdin!.wait_closed(), BrokenPipeError);
    assertOk(error.cause instanceof Deno.errors.BrokenPipe);
    await raises(closed.stdin!.drain(), ConnectionResetError); // the pipe is lost, as asyncio's
    assertStrictEquals(await closed.wait(), 0);
  });
});

Deno.test("subprocess: closing the loop kills a child still running", async () => {
  const loop = new_event_loop();
  let proc: Process | null = null;
  await loop.run_until_complete(
    coroutine(async () => {
      proc = await create_subprocess_exec("sleep", "30", { stdout: PIPE });
    })(),
  );
  loop.close();
  // The kill lands and the child's status and pipe settle shortly after.
  const started = Date.now();
  let alive = true;
  while (alive && Date.now() - started < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    alive = new Deno.Command("kill", { args: ["-0", String((proc as unknown as Process).pid)] })
      .outputSync().success;
  }
  assertStrictEquals(alive, false);
  await new Promise((resolve) => setTimeout(resolve, 20));
});

Deno.test("subprocess: bad arguments are clear errors", async () => {
  await rrun(async () => {
    assertThrows(
      () => create_subprocess_exec(1 as unknown as string),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "create_subprocess_exec(): program must be a string, got 1",
    );
    assertThrows(
      () => create_subprocess_exec("echo", "a", 2 as unknown as string, "b"),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "create_subprocess_exec(): argument 2 must be a string, got 2",
    );
    assertThrows(
      () => create_subprocess_exec("echo", { stdot: PIPE } as never),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message ===
          "create_subprocess_exec(): unknown option 'stdot' (known: stdin, stdout, stderr, cwd, env, universal_newlines, shell, bufsize, text, encoding, errors, limit)",
    );
    assertThrows(
      () => create_subprocess_exec("echo", { stdout: STDOUT } as never),
      (e: unknown) =>
        e instanceof ValueError &&
        e.message === "create_subprocess_exec(): stdout must be PIPE, DEVNULL or null, got -2",
    );
    assertThrows(
      () => create_subprocess_shell("echo", { stderr: STDOUT }),
      (e: unknown) =>
        e instanceof ValueError &&
        e.message === "create_subprocess_shell(): stderr=STDOUT needs stdout=PIPE here",
    );
    assertThrows(
      () => create_subprocess_shell(["ls"] as unknown as string),
      (e: unknown) => e instanceof ValueError && e.message === "cmd must be a string",
    );
    assertThrows(
      () => create_subprocess_exec("echo", { text: true }),
      (e: unknown) => e instanceof ValueError && e.message === "text must be False",
    );
    const proc = await create_subprocess_exec("true");
    assertThrows(
      () => proc.communicate(encoder.encode("x")),
      (e: unknown) =>
        e instanceof ValueError && e.message === "communicate(): input needs stdin=PIPE",
    );
    assertThrows(() => proc.communicate("x" as unknown as Uint8Array), TypeError);
    await proc.wait();
  });
});
