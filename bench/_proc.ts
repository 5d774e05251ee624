/**
 * What Linux's `/proc` says of a process: its CPU time and resident memory,
 * for the stream benchmarks.
 *
 * @module
 */

/** Linux's clock ticks a second in `/proc/<pid>/stat` (USER_HZ, 100 everywhere). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system, every thread, exited ones included) of process `pid`. */
export function cpu_seconds(pid: number | "self"): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // The command name may hold spaces: fields are counted after its ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The resident set size of process `pid`, in bytes. */
export function rss_bytes(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kib = /VmRSS:\s+(\d+) kB/.exec(status);
  if (kib === null) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib[1]) * 1024;
}
