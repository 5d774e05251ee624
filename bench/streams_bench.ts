/**
 * The stream benchmarks: a line echo, one connection sent 1 GiB, 10,000
 * idle connections, and `communicate()` of 100 MiB through `cat`, each
 * with this library, CPython's asyncio and plain Deno, CPython's asyncio
 * client driving every server.
 *
 * The targets are in server CPU time, MB/s and bytes a connection, which
 * `deno bench` does not measure: the table of them (`_streams.ts`, medians
 * of interleaved rounds) is printed first, as `streams.ts` prints it. The
 * `deno bench` groups that follow time one exchange as the client sees it
 * (server startup left out; for `communicate()`, the whole parent process).
 * Without CPython 3.12+ everything is skipped, with a note.
 *
 *     deno task bench                        # everything in bench/
 *     deno bench -A bench/streams_bench.ts   # just these
 *
 * @module
 */

import {
  format_table,
  FULL_SIZES,
  type Impl,
  IMPLS,
  measure,
  run_workload,
  type Workload,
  WORKLOADS,
} from "./_streams.ts";
import { python } from "./_harness.ts";

/** Rounds of the table: the machine may be shared, so medians of several. */
const ROUNDS = 3;

const LABELS: Record<Impl, string> = {
  ours: "asyncio-ts",
  cpython: "CPython",
  plain: "plain Deno",
};

const GROUPS: [Workload, string][] = [
  [
    "echo",
    `line echo ${FULL_SIZES.echo_connections} conns x ${FULL_SIZES.echo_lines} lines`,
  ],
  ["bulk", `bulk ${FULL_SIZES.bulk_bytes / 1024 ** 3} GiB write+drain()`],
  ["communicate", `communicate() ${FULL_SIZES.communicate_bytes / 1024 ** 2} MiB via cat`],
];

if (python === null) {
  console.log(
    "no CPython 3.12+ found: the stream benchmarks, driven by its asyncio client, are skipped",
  );
} else {
  const samples = await measure(WORKLOADS, FULL_SIZES, ROUNDS);
  console.log(format_table(samples, FULL_SIZES, ROUNDS));
}

for (const [workload, group] of GROUPS) {
  IMPLS.forEach((impl, index) => {
    Deno.bench({
      name: `${LABELS[impl]}: ${group}`,
      group,
      baseline: index === 0,
      ignore: python === null,
      n: 2,
      warmup: 0,
      async fn(b) {
        await run_workload(workload, impl, FULL_SIZES, b);
      },
    });
  });
}
