/**
 * The stream workloads, run against three servers (this library, CPython's
 * asyncio, plain Deno) with CPython's asyncio client (`py/streams_client.py`)
 * driving each, and the subprocess pipe workload; what `streams.ts` and
 * `streams_bench.ts` measure and print.
 *
 * Each server runs in a process of its own; its CPU time (user + system)
 * and resident memory are read from `/proc/<pid>`, so the figures are
 * Linux-only. The machine may be shared: the three are run in turn, round
 * after round (the order reversed every other round), and the medians are
 * compared.
 *
 * @module
 */

import { LineReader, python } from "./_harness.ts";
import { cpu_seconds, rss_bytes } from "./_proc.ts";

/** Which server (or parent process) a figure is of. */
export type Impl = "ours" | "cpython" | "plain";

/** Every implementation, in the order the tables list them. */
export const IMPLS: Impl[] = ["ours", "cpython", "plain"];

/** The workloads. */
export type Workload = "echo" | "bulk" | "idle" | "communicate";

/** Every workload, in the order the tables list them. */
export const WORKLOADS: Workload[] = ["echo", "bulk", "idle", "communicate"];

/** The sizes of the workloads. */
export interface StreamSizes {
  /** Line echo: connections, and lines each. */
  echo_connections: number;
  echo_lines: number;
  /** Bytes one connection is sent through write + drain(). */
  bulk_bytes: number;
  /** Idle connections held open at once. */
  idle_connections: number;
  /** Bytes through `communicate()` with `cat`. */
  communicate_bytes: number;
}

/** The sizes. */
export const FULL_SIZES: StreamSizes = {
  echo_connections: 200,
  echo_lines: 2000,
  bulk_bytes: 1024 ** 3,
  idle_connections: 10_000,
  communicate_bytes: 100 * 1024 ** 2,
};

/** A tenth or so of each, for a quick look. */
export const QUICK_SIZES: StreamSizes = {
  echo_connections: 50,
  echo_lines: 500,
  bulk_bytes: 128 * 1024 ** 2,
  idle_connections: 1000,
  communicate_bytes: 16 * 1024 ** 2,
};

const BENCH_DIR = new URL("./", import.meta.url).pathname;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A server under test (`py/streams_server.py` or `streams_server.ts`), told what to do on stdin. */
class ServerProcess {
  readonly #child: Deno.ChildProcess;
  readonly #lines: LineReader;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  port = 0;

  constructor(impl: Impl, args: string[]) {
    const [command, command_args] = impl === "cpython"
      ? [python as string, [`${BENCH_DIR}py/streams_server.py`, ...args]]
      : [Deno.execPath(), [
        "run",
        "--quiet",
        "--allow-net=127.0.0.1",
        "--allow-env=ASYNCIO_BENCH_PROTOCOLS",
        "--v8-flags=--expose-gc",
        `${BENCH_DIR}streams_server.ts`,
        impl,
        ...args,
      ]];
    // 10,000 idle connections take as many descriptors: the soft limit is
    // raised to the hard one (a shell's `ulimit`, as Deno has no setrlimit).
    this.#child = new Deno.Command("sh", {
      args: [
        "-c",
        'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"',
        "sh",
        command,
        ...command_args,
      ],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
      env: {
        PYTHONHASHSEED: "0",
        ASYNCIO_BENCH_PROTOCOLS: Deno.env.get("ASYNCIO_BENCH_PROTOCOLS") ?? "",
      },
    }).spawn();
    this.#lines = new LineReader(this.#child.stdout);
    this.#stdin = this.#child.stdin.getWriter();
  }

  /** Waits until it listens. */
  async started(): Promise<void> {
    this.port = JSON.parse(await this.#lines.next()).port;
  }

  /** Its CPU seconds so far. */
  cpu(): number {
    return cpu_seconds(this.#child.pid);
  }

  /** Has it collect its garbage; returns how many connections it serves. */
  async stats(): Promise<number> {
    await this.#stdin.write(encoder.encode("stats\n"));
    return JSON.parse(await this.#lines.next()).connections;
  }

  /** Its resident memory, in bytes. */
  rss(): number {
    return rss_bytes(this.#child.pid);
  }

  /** Ends it (its stdin closes) and waits for it. */
  async stop(): Promise<void> {
    await this.#stdin.close();
    await this.#lines.cancel();
    await this.#child.status;
  }
}

/** What times the exchange itself (`deno bench`'s context), server startup left out. */
export interface Timer {
  start(): void;
  end(): void;
}

const UNTIMED: Timer = { start() {}, end() {} };

/** Runs `py/streams_client.py` to the end, timed by `timer`, and parses the JSON line it prints. */
async function run_client(args: string[], timer: Timer): Promise<Record<string, number>> {
  const command = new Deno.Command(python as string, {
    args: [`${BENCH_DIR}py/streams_client.py`, ...args],
    stdout: "piped",
    stderr: "piped",
  });
  timer.start();
  const out = await command.output();
  timer.end();
  if (!out.success) {
    throw new Error(`streams_client.py ${args.join(" ")} failed:\n${decoder.decode(out.stderr)}`);
  }
  return JSON.parse(decoder.decode(out.stdout).trim().split("\n").pop() as string);
}

/** What a run of a workload measured, by name: `cpu_s`, `wall_s`, `mb_per_s`, `bytes_per_conn`. */
export type Sample = Record<string, number>;

/** The line echo through `impl`'s server: its CPU seconds, and the client's wall seconds. */
async function line_echo(impl: Impl, sizes: StreamSizes, timer: Timer): Promise<Sample> {
  const server = new ServerProcess(impl, ["echo"]);
  try {
    await server.started();
    const before = server.cpu();
    const { echo_connections, echo_lines } = sizes;
    const report = await run_client(
      ["echo", String(server.port), String(echo_connections), String(echo_lines)],
      timer,
    );
    return { cpu_s: server.cpu() - before, wall_s: report.ms / 1000 };
  } finally {
    await server.stop();
  }
}

/** One connection sent `bulk_bytes` by `impl`'s server: MB/s (10^6 bytes) as the client saw it, the server's CPU seconds. */
async function bulk(impl: Impl, sizes: StreamSizes, timer: Timer): Promise<Sample> {
  const server = new ServerProcess(impl, ["bulk", String(sizes.bulk_bytes)]);
  try {
    await server.started();
    const before = server.cpu();
    const report = await run_client(
      ["bulk", String(server.port), String(sizes.bulk_bytes)],
      timer,
    );
    return { mb_per_s: report.mb_per_s, cpu_s: server.cpu() - before };
  } finally {
    await server.stop();
  }
}

/** Idle connections held by `impl`'s echo server: its RSS growth per connection, after GC. */
async function idle(impl: Impl, sizes: StreamSizes, timer: Timer): Promise<Sample> {
  const count = sizes.idle_connections;
  const server = new ServerProcess(impl, ["echo"]);
  try {
    await server.started();
    await server.stats();
    const before = server.rss();
    timer.start();
    const client = new Deno.Command(python as string, {
      args: [`${BENCH_DIR}py/streams_client.py`, "idle", String(server.port), String(count)],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const lines = new LineReader(client.stdout);
    const stdin = client.stdin.getWriter();
    try {
      const opened = JSON.parse(await lines.next()).open;
      if (opened !== count) throw new Error(`idle: ${opened} connections opened, not ${count}`);
      // The client's connects may be ahead of the server's accepts.
      for (let tries = 0; await server.stats() < count; tries++) {
        if (tries === 100) throw new Error(`idle: the server did not take ${count} connections`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      timer.end();
      return { bytes_per_conn: (server.rss() - before) / count };
    } finally {
      await stdin.write(encoder.encode("close\n"));
      await stdin.close();
      await lines.next();
      await lines.cancel();
      await client.status;
    }
  } finally {
    await server.stop();
  }
}

/** `communicate()` of `communicate_bytes` through `cat` by `impl`, in a process of its own: its CPU seconds and MB/s. */
async function communicate(impl: Impl, sizes: StreamSizes, timer: Timer): Promise<Sample> {
  const bytes = String(sizes.communicate_bytes);
  const [command, args] = impl === "cpython"
    ? [python as string, [`${BENCH_DIR}py/streams_communicate.py`, bytes]]
    : [Deno.execPath(), [
      "run",
      "--quiet",
      "--allow-all", // reading /proc/self takes every permission
      `${BENCH_DIR}streams_communicate.ts`,
      impl,
      bytes,
    ]];
  const child = new Deno.Command(command, { args, stdout: "piped", stderr: "piped" });
  timer.start();
  const out = await child.output();
  timer.end();
  if (!out.success) throw new Error(`communicate ${impl} failed:\n${decoder.decode(out.stderr)}`);
  const report = JSON.parse(decoder.decode(out.stdout).trim());
  return { cpu_s: report.cpu_s, mb_per_s: sizes.communicate_bytes / (report.ms / 1000) / 1e6 };
}

const RUNNERS: Record<
  Workload,
  (impl: Impl, sizes: StreamSizes, timer: Timer) => Promise<Sample>
> = {
  echo: line_echo,
  bulk,
  idle,
  communicate,
};

/** Runs one `workload` once with `impl`; `timer` times the exchange. */
export function run_workload(
  workload: Workload,
  impl: Impl,
  sizes: StreamSizes,
  timer: Timer = UNTIMED,
): Promise<Sample> {
  return RUNNERS[workload](impl, sizes, timer);
}

/** Every sample taken, by workload and implementation. */
export type Samples = Record<Workload, Record<Impl, Sample[]>>;

/**
 * Runs each of `workloads` `rounds` times with every implementation, in
 * turn (the order reversed every other round), reporting progress to `log`.
 */
export async function measure(
  workloads: Workload[],
  sizes: StreamSizes,
  rounds: number,
  log: (line: string) => void = () => {},
): Promise<Samples> {
  const samples = {} as Samples;
  for (const workload of workloads) {
    samples[workload] = { ours: [], cpython: [], plain: [] };
    for (let round = 0; round < rounds; round++) {
      for (const impl of round % 2 === 0 ? IMPLS : [...IMPLS].reverse()) {
        const sample = await run_workload(workload, impl, sizes);
        log(`${workload} ${impl} ${JSON.stringify(sample)}`);
        samples[workload][impl].push(sample);
      }
    }
  }
  return samples;
}

/** The median of `key` over `samples`. */
export function median(samples: Sample[], key: string): number {
  const values = samples.map((sample) => sample[key]).sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

/** One row of the table: a workload's figure for each implementation, its target and verdict. */
interface Row {
  what: string;
  figures: [ours: string, cpython: string, plain: string];
  target: string;
  result: string;
}

function figure_row(
  what: string,
  by_impl: Record<Impl, Sample[]>,
  key: string,
  digits: number,
  target: string,
  passes: ((value: Record<Impl, number>) => boolean) | null,
): Row {
  const value = { ours: 0, cpython: 0, plain: 0 };
  for (const impl of IMPLS) value[impl] = median(by_impl[impl], key);
  const figures = IMPLS.map((impl) => value[impl].toFixed(digits)) as Row["figures"];
  return { what, figures, target, result: passes === null ? "-" : passes(value) ? "pass" : "MISS" };
}

/** The table of `samples` (medians), with the targets. */
export function format_table(samples: Samples, sizes: StreamSizes, rounds: number): string {
  const rows: Row[] = [];
  const { echo, bulk, idle, communicate } = samples;
  if (echo) {
    const size = `${sizes.echo_connections} conns x ${sizes.echo_lines} lines`;
    rows.push(
      figure_row(
        `line echo ${size}: server CPU s`,
        echo,
        "cpu_s",
        2,
        "<= CPython, <= 1.5x plain",
        (v) => v.ours <= v.cpython && v.ours <= 1.5 * v.plain,
      ),
      figure_row("  client wall s", echo, "wall_s", 2, "", null),
    );
  }
  if (bulk) {
    const mib = sizes.bulk_bytes / 1024 ** 2;
    rows.push(
      figure_row(
        `bulk ${mib} MiB, write+drain(): MB/s`,
        bulk,
        "mb_per_s",
        0,
        ">= CPython",
        (v) => v.ours >= v.cpython,
      ),
      figure_row("  server CPU s", bulk, "cpu_s", 2, "", null),
    );
  }
  if (idle) {
    rows.push(
      figure_row(
        `${sizes.idle_connections} idle conns: RSS bytes/conn`,
        idle,
        "bytes_per_conn",
        0,
        "<= CPython",
        (v) => v.ours <= v.cpython,
      ),
    );
  }
  if (communicate) {
    const mib = sizes.communicate_bytes / 1024 ** 2;
    rows.push(
      figure_row(
        `communicate() ${mib} MiB via cat: CPU s`,
        communicate,
        "cpu_s",
        2,
        "(shown)",
        null,
      ),
      figure_row("  MB/s", communicate, "mb_per_s", 0, "", null),
    );
  }
  const header: Row = {
    what: "workload",
    figures: ["asyncio-ts", "CPython", "plain Deno"],
    target: "target",
    result: "result",
  };
  const width = Math.max(...[header, ...rows].map((row) => row.what.length));
  const line = (row: Row) =>
    [
      row.what.padEnd(width),
      ...row.figures.map((figure) => figure.padStart(10)),
      row.target.padEnd(26),
      row.result,
    ].join("  ").trimEnd();
  return [
    `streams: CPython's asyncio client driving each server; medians of ${rounds} interleaved rounds`,
    line(header),
    ...rows.map(line),
  ].join("\n");
}
