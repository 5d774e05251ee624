/**
 * The stream workloads as one table, this library against CPython's
 * asyncio and plain Deno, with the targets of issue 15:
 *
 *     deno run -A bench/streams.ts [--rounds N] [--quick] [--only echo,bulk,idle,communicate] [--protocols] [--connections N]
 *
 * Each workload runs `N` rounds (3 by default), the three implementations
 * in turn; the table shows medians. `--quick` runs smaller sizes
 * (`QUICK_SIZES`). Progress goes to stderr, the table to stdout.
 * `streams_bench.ts` prints the same table under `deno task bench`.
 * `--protocols` has this library's and CPython's servers use protocols and
 * `loop.create_server()` instead of streams (plain Deno stays as it is).
 * `--connections N` sets the line echo's number of concurrent connections
 * (each a request/response exchange of lines).
 *
 * @module
 */

import {
  format_table,
  FULL_SIZES,
  measure,
  QUICK_SIZES,
  type Workload,
  WORKLOADS,
} from "./_streams.ts";
import { python } from "./_harness.ts";

function option(name: string): string | null {
  const at = Deno.args.indexOf(name);
  return at >= 0 ? Deno.args[at + 1] ?? "" : null;
}

const rounds = Number(option("--rounds") ?? 3);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`streams.ts: --rounds must be a positive integer, got ${option("--rounds")}`);
  Deno.exit(2);
}
const only = (option("--only")?.split(",") ?? WORKLOADS) as Workload[];
const unknown = only.filter((name) => !WORKLOADS.includes(name));
if (unknown.length > 0) {
  console.error(`streams.ts: --only takes ${WORKLOADS.join(", ")}; got ${unknown.join(", ")}`);
  Deno.exit(2);
}
if (python === null) {
  console.log("no CPython 3.12+ found: the stream workloads need its asyncio client");
  Deno.exit(0);
}

const base_sizes = Deno.args.includes("--quick") ? QUICK_SIZES : FULL_SIZES;
const connections = Number(option("--connections") ?? base_sizes.echo_connections);
if (!Number.isInteger(connections) || connections < 1) {
  console.error(
    `streams.ts: --connections must be a positive integer, got ${option("--connections")}`,
  );
  Deno.exit(2);
}
const sizes = { ...base_sizes, echo_connections: connections };
if (Deno.args.includes("--protocols")) Deno.env.set("ASYNCIO_BENCH_PROTOCOLS", "1");
const samples = await measure(only, sizes, rounds, (line) => console.error(line));
console.log(format_table(samples, sizes, rounds));
