// The privacy rule of docs/contributing.md, for the classes a program makes
// one or more of per await, call or timer: no `#` methods or accessors
// (V8 gives every instance of such a class a brand slot, 8 bytes more).
import { assertEquals } from "./_assert.ts";

const PER_OPERATION: Record<string, string[]> = {
  "lib/futures.ts": ["Future"],
  "lib/tasks.ts": ["GeneratorFrame", "NativeFrame", "Task", "SleepFuture", "SleepCoroutine"],
  "lib/handles.ts": ["Handle", "TimerHandle"],
  "lib/coroutines.ts": ["Coroutine", "InlineCall"],
  "lib/timeouts.ts": ["Timeout"],
  "lib/gather.ts": ["GatheringFuture"],
};

const PRIVATE_METHOD = /^\s+(?:static\s+)?(?:async\s+)?(?:\*\s*)?(?:get\s+|set\s+)?#\w+\s*[(<]/;

/** The `#` methods and accessors of `class_name`'s body in `source`, as `Class.#name` lines. */
function private_methods(source: string, class_name: string): string[] {
  const lines = source.split("\n");
  const start = lines.findIndex((line) =>
    new RegExp(`^(export )?class ${class_name}\\b`).test(line)
  );
  if (start === -1) throw new Error(`class ${class_name} not found`);
  const found: string[] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== "}"; i++) {
    if (PRIVATE_METHOD.test(lines[i])) found.push(`${class_name}: ${lines[i].trim()}`);
  }
  return found;
}

Deno.test("privacy: the classes made per operation have no # methods or accessors", async () => {
  const root = new URL("../", import.meta.url);
  const found: string[] = [];
  for (const [file, classes] of Object.entries(PER_OPERATION)) {
    const source = await Deno.readTextFile(new URL(file, root));
    for (const name of classes) found.push(...private_methods(source, name));
  }
  assertEquals(found, []);
});

Deno.test("privacy: the scan finds a # method, a # accessor and a # generator method", () => {
  const source = [
    "class Probe {",
    "  #field = 1;",
    "  #step(): void {}",
    "  get #size(): number { return 1; }",
    "  *#body() {}",
    "  private _ok(): void {}",
    "}",
  ].join("\n");
  assertEquals(private_methods(source, "Probe"), [
    "Probe: #step(): void {}",
    "Probe: get #size(): number { return 1; }",
    "Probe: *#body() {}",
  ]);
});
