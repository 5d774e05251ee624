/**
 * Python's `repr` of bytes, for the ports of stream programs: printable
 * ASCII as it is, the usual escapes, `\xNN` for the rest.
 *
 * @module
 */

const ESCAPES: Record<number, string> = {
  0x09: "\\t",
  0x0a: "\\n",
  0x0d: "\\r",
  0x27: "\\'",
  0x5c: "\\\\",
};

/** `repr(data)` of Python `bytes`: `b'...'`. */
export function pybytes(data: Uint8Array): string {
  let body = "";
  for (const byte of data) {
    body += ESCAPES[byte] ??
      (byte >= 0x20 && byte < 0x7f
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, "0")}`);
  }
  return `b'${body}'`;
}

/** Python's `str()` of a boolean. */
export function pybool(value: boolean): string {
  return value ? "True" : "False";
}

/** `repr(text)` of a Python `str` (ASCII): single quotes unless it holds one and no double quote. */
export function pystr(text: string): string {
  const body = text.replaceAll("\\", "\\\\");
  if (body.includes("'") && !body.includes('"')) return `"${body}"`;
  return `'${body.replaceAll("'", "\\'")}'`;
}

/** `repr(items)` of a Python list of `str`. */
export function pylist(items: string[]): string {
  return `[${items.map(pystr).join(", ")}]`;
}
