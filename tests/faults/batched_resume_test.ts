// A coroutine resumed from a foreign promise by the same host callback that
// ends the loop's host turn (one batch of op completions in Deno) must not
// make its next library await inside a step the loop opens meanwhile: it
// would be taken for that task's await, and a lock it takes would never be
// released (the hang seen in the foreign-await stress without
// AsyncLocalStorage). Each case runs in a process of its own, without
// AsyncLocalStorage (`_batched_resume.ts`), so that a hang ends the process.
import { assertEquals } from "../_assert.ts";

const SCRIPT = new URL("./_batched_resume.ts", import.meta.url).pathname;

for (const chain of [0, 4, 16]) {
  Deno.test(`a task resumed by the host callback that ends a host turn, then ${chain} microtasks, stays itself`, async () => {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SCRIPT, String(chain)],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(
      { code, out: new TextDecoder().decode(stdout).trim(), err: new TextDecoder().decode(stderr) },
      { code: 0, out: JSON.stringify(["foreign", "busy1", "busy2", "busy3"]), err: "" },
    );
  });
}
