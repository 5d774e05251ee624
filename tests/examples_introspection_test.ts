/**
 * Runs examples/introspection.ts in a subprocess, as a user would: once it
 * says it is stuck, sends it SIGUSR2 and checks the task tree it prints,
 * then stops it with SIGTERM.
 */

import { assertEquals, assertMatch } from "./_assert.ts";
import { LineReader } from "../bench/_harness.ts";

Deno.test({
  name: "examples/introspection.ts: SIGUSR2 prints the tree of the stuck program's tasks",
  ignore: Deno.build.os === "windows",
  async fn() {
    const path = new URL("../examples/introspection.ts", import.meta.url).pathname;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", path],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).spawn();
    const lines = new LineReader(child.stdout);
    assertMatch(await lines.next(), /^stuck \(pid \d+\): send SIGUSR2/);
    child.kill("SIGUSR2");
    const tree: string[] = [];
    for (;;) {
      const line = await lines.next();
      if (line === "") break;
      tree.push(line.replaceAll(path, "FILE").replace(/:\d+$/, ":N"));
    }
    child.kill("SIGTERM");
    assertEquals(await lines.next(), "stopped by SIGTERM");
    await lines.cancel();
    const status = await child.status;
    const stderr = new TextDecoder().decode(
      await new Response(child.stderr).arrayBuffer(),
    );
    assertEquals([status.success, stderr], [true, ""]);
    const text = tree.join("\n");
    // The stuck tasks, each under what awaits it, with their frames.
    assertMatch(text, /^└── \(T\) Task-1\n {4}└── {2}main FILE:N\n/);
    assertMatch(text, /├── \(T\) worker-1\n.*│ +└── {2}worker FILE:N\n/);
    assertMatch(text, /├── \(T\) worker-2\n/);
    assertMatch(text, /└── \(T\) downloads\n.*└── {2}downloads FILE:N\n/);
    assertEquals(text.match(/└── {2}download FILE:N\n.*└── {2}Event\.wait/g)?.length, 2);
    assertEquals(text.match(/Lock\.acquire/g)?.length, 2);
  },
});
