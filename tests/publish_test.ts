/**
 * What JSR gets: the files `deno publish` would upload (its dry run's list),
 * every relative link in the published Markdown and module docs pointing at
 * one of them, and the HTML pages `deno doc` renders (JSR's renderer) showing
 * generic type parameters and optional parameters as they are declared.
 */

import { assertEquals, assertMatch, assertOk } from "./_assert.ts";

const ROOT = new URL("../", import.meta.url);

async function deno(args: string[]): Promise<{ success: boolean; text: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  return {
    success: output.success,
    text: decoder.decode(output.stdout) + decoder.decode(output.stderr),
  };
}

/** The paths (relative to the root) `deno publish --dry-run` lists. */
async function published_files(): Promise<Set<string>> {
  const { success, text } = await deno(["publish", "--dry-run", "--allow-dirty"]);
  assertOk(success, text);
  const files = new Set<string>();
  for (const match of text.matchAll(/^\s+(file:\/\/\S+) \(/gm)) {
    files.add(new URL(match[1]).pathname.slice(ROOT.pathname.length));
  }
  return files;
}

/** Relative link targets in Markdown (`[text](target)`), without their `#fragment`. */
function relative_links(markdown: string): string[] {
  const links: string[] = [];
  for (const match of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1];
    if (/^[a-z]+:/.test(target) || target.startsWith("#")) continue;
    links.push(target.replace(/#.*$/, ""));
  }
  return links;
}

Deno.test("publish: every relative link in the published Markdown resolves to a published file", async () => {
  const files = await published_files();
  for (const needed of ["mod.ts", "io.ts", "testing.ts", "README.md", "docs/ordering.md"]) {
    assertOk(files.has(needed), `${needed} is not published`);
  }
  assertOk(![...files].some((file) => file.startsWith("tests/")), "tests/ is published");
  const broken: string[] = [];
  for (const file of files) {
    if (!file.endsWith(".md")) continue;
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const link of relative_links(text)) {
      const target = new URL(link, new URL(file, ROOT)).pathname.slice(ROOT.pathname.length);
      if (!files.has(target)) broken.push(`${file}: ${link}`);
    }
  }
  assertEquals(broken, []);
});

Deno.test("publish: docs/ paths named in the module docs are published", async () => {
  const files = await published_files();
  const missing: string[] = [];
  for (const file of files) {
    if (!file.endsWith(".ts")) continue;
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const match of text.matchAll(/\b((?:docs|examples)\/[\w.-]+\.(?:md|ts))/g)) {
      if (!files.has(match[1])) missing.push(`${file}: ${match[1]}`);
    }
  }
  assertEquals(missing, []);
});

Deno.test("publish: the rendered docs show type parameters and optional parameters", async () => {
  const out = await Deno.makeTempDir();
  try {
    const { success, text } = await deno([
      "doc",
      "--html",
      "--name=@aiots/asyncio",
      `--output=${out}`,
      "mod.ts",
    ]);
    assertOk(success, text);
    const page = async (name: string) =>
      (await Deno.readTextFile(`${out}/~/${name}.html`)).replace(/<[^>]+>/g, "")
        .replace(/\s+/g, " ");
    assertMatch(
      await page("TaskFactory"),
      /Definition &lt;T&gt;\(loop: EventLoop, ?coro: CoroutineLike&lt;T&gt;/,
    );
    for (const queue of ["Queue", "LifoQueue", "PriorityQueue"]) {
      assertMatch(await page(queue), new RegExp(`${queue}\\(maxsize\\?: number`));
    }
    assertMatch(await page("Semaphore"), /Semaphore\(value\?: number/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
