import { assertEquals } from "./_assert.ts";

Deno.test("examples/queues.ts prints the three items in order", async () => {
  const example = new URL("../examples/queues.ts", import.meta.url).pathname;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", example],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.success, true, stderr);
  assertEquals(new TextDecoder().decode(output.stdout), "1\n2\n3\n");
  assertEquals(stderr, "");
});
