/** The browser programs' assertion: throws (failing the program) when `condition` is false. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** A URL of the suite's server that answers `{ value }` after `ms` milliseconds. */
export function delayed(ms: number, value: string): string {
  return `/api/delay?ms=${ms}&value=${encodeURIComponent(value)}`;
}

/** How many `/api/hang` requests the server saw aborted by the client. */
export async function aborted_requests(): Promise<number> {
  return (await (await fetch("/api/aborted")).json()).aborted;
}
