/**
 * `examples/http_server.ts` with `curl` as the client, a program this
 * project did not write: a GET, keep-alive across requests, a body by
 * `Content-Length` and one by `Transfer-Encoding: chunked`, and 400 for a
 * malformed request line. Skipped where `curl` is not installed.
 */

import { assertMatch, assertStrictEquals } from "./_assert.ts";

const decoder = new TextDecoder();

async function has_curl(): Promise<boolean> {
  try {
    return (await new Deno.Command("curl", { args: ["--version"], stdout: "null", stderr: "null" })
      .output()).success;
  } catch {
    return false;
  }
}

const curl_found = await has_curl();

async function curl(args: string[], stdin?: string): Promise<{ out: string; err: string }> {
  const child = new Deno.Command("curl", {
    args: ["--silent", "--show-error", "--max-time", "10", ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const result = await child.output();
  return { out: decoder.decode(result.stdout), err: decoder.decode(result.stderr) };
}

Deno.test({
  name: `examples/http_server.ts served to curl${
    curl_found ? "" : " (skipped: curl is not installed)"
  }`,
  ignore: !curl_found,
  async fn(t) {
    const server = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net",
        new URL("../examples/http_server.ts", import.meta.url).pathname,
        "0",
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const lines = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let banner = "";
    while (!banner.includes("\n")) banner += (await lines.read()).value ?? "";
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner)![1];
    try {
      await t.step("GET", async () => {
        assertStrictEquals((await curl([`${base}hello`])).out, "GET /hello\n");
      });
      await t.step("keep-alive: two requests on one connection", async () => {
        const { out, err } = await curl(["--verbose", `${base}one`, `${base}two`]);
        assertStrictEquals(out, "GET /one\nGET /two\n");
        assertMatch(err, /Re-using existing connection|Reusing existing/);
      });
      await t.step("a body by Content-Length", async () => {
        const { out } = await curl(["--data-binary", "a=1&b=2", `${base}form`]);
        assertStrictEquals(out, "POST /form with 7 bytes: a=1&b=2\n");
      });
      await t.step("a chunked body", async () => {
        const { out, err } = await curl(
          ["--verbose", "-H", "Transfer-Encoding: chunked", "--data-binary", "@-", `${base}upload`],
          "streamed text",
        );
        assertMatch(err, /Transfer-Encoding: chunked/);
        assertStrictEquals(out, "POST /upload with 13 bytes: streamed text\n");
      });
      await t.step("400 on a malformed request line", async () => {
        const { out, err } = await curl(["--verbose", "-X", "NOT VALID", `${base}x`]);
        assertMatch(err, /< HTTP\/1\.1 400 Bad Request/);
        assertStrictEquals(out, "bad request: malformed request line\n");
      });
    } finally {
      server.kill("SIGTERM");
      let rest = "";
      for (;;) {
        const { value, done } = await lines.read();
        if (done) break;
        rest += value;
      }
      const status = await server.status;
      const stderr = decoder.decode(await new Response(server.stderr).arrayBuffer());
      assertStrictEquals(rest.trim(), "stopped", stderr);
      assertStrictEquals(status.success, true, stderr);
    }
  },
});
