/**
 * Finds CPython 3.12 or later, for the conformance suite and the benchmarks.
 * `ASYNCIO_PYTHON` chooses one; otherwise `python3.12`, pyenv's 3.12,
 * `python3.13` and `python3` are tried in that order.
 *
 * @module
 */

/** Runs `command args...` and returns whether it succeeded and its output. */
export async function run_command(
  command: string,
  args: string[],
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const result = await new Deno.Command(command, {
    args,
    stdout: "piped",
    stderr: "piped",
    env: { PYTHONHASHSEED: "0", NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  return {
    ok: result.success,
    stdout: decoder.decode(result.stdout),
    stderr: decoder.decode(result.stderr),
  };
}

async function python_version(command: string): Promise<[number, number] | null> {
  try {
    const { ok, stdout } = await run_command(command, [
      "-c",
      "import sys; print(*sys.version_info[:2])",
    ]);
    if (!ok) return null;
    const [major, minor] = stdout.trim().split(" ").map(Number);
    return [major, minor];
  } catch {
    return null; // not installed
  }
}

/**
 * The path or name of a CPython 3.`minor` (or later) interpreter, or `null`
 * when there is none. 3.12 is the reference; pass 13 for programs that
 * need 3.13's API.
 */
export async function find_python(minor = 12): Promise<string | null> {
  const candidates: string[] = [];
  const chosen = Deno.env.get("ASYNCIO_PYTHON");
  if (chosen) candidates.push(chosen);
  candidates.push(`python3.${minor}`);
  const home = Deno.env.get("HOME");
  if (home) {
    try {
      for await (const entry of Deno.readDir(`${home}/.pyenv/versions`)) {
        if (entry.name.startsWith(`3.${minor}.`)) {
          candidates.push(`${home}/.pyenv/versions/${entry.name}/bin/python3`);
        }
      }
    } catch {
      // no pyenv here
    }
  }
  candidates.push(`python3.${minor + 1}`, "python3");
  for (const candidate of candidates) {
    const version = await python_version(candidate);
    if (version !== null && (version[0] > 3 || version[0] === 3 && version[1] >= minor)) {
      return candidate;
    }
  }
  return null;
}
