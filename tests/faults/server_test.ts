/**
 * Fault injection at a server's edge: a `start_server` line-echo server
 * under a storm of misbehaving clients (resets before and after the
 * accept, half lines, clients that never read, connect-and-close bursts),
 * then with too few file descriptors, while well-behaved clients get every
 * byte echoed throughout. Fixed seeds, bounded counts, 127.0.0.1 only; no
 * timing assertions.
 */

import {
  coroutine,
  current_task,
  type ExceptionContext,
  gather,
  get_running_loop,
  run,
  sleep,
  wait_for,
} from "../../mod.ts";
import { create_subprocess_exec, open_connection, PIPE, start_server } from "../../io.ts";
import { assertEquals, assertOk, assertStrictEquals } from "../_assert.ts";
import { connect_and_reset } from "../_reset.ts";
import { echo_lines } from "./_echo_server.ts";

/**
 * Bounds a test's run: a server that stops serving fails it, not hangs it.
 * Its cancellation reaches the raw connects of the storm through the
 * task's `signal` (they wait for a full backlog otherwise).
 */
const TIME_LIMIT = 20;

/** A seeded generator of numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** An integer in [low, high]. */
function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** A line of 1 to 2,000 printable bytes, then `\n`. */
function random_line(random: () => number): Uint8Array {
  const line = new Uint8Array(between(random, 1, 2000) + 1);
  for (let i = 0; i < line.length - 1; i++) line[i] = between(random, 0x20, 0x7e);
  line[line.length - 1] = 0x0a;
  return line;
}

/**
 * A well-behaved client: sends `count` lines one by one, a few
 * milliseconds apart, and checks that each comes back whole.
 *
 * @returns The bytes echoed.
 */
const well_behaved = coroutine(
  async function well_behaved(port: number, seed: number, count: number): Promise<number> {
    const random = seeded(seed);
    const [reader, writer] = await open_connection("127.0.0.1", port);
    let echoed = 0;
    for (let i = 0; i < count; i++) {
      const line = random_line(random);
      writer.write(line);
      await writer.drain();
      assertEquals(await reader.readline(), line, `client ${seed}, line ${i}`);
      echoed += line.length;
      await sleep(between(random, 0, 4) / 1000);
    }
    writer.close();
    await writer.wait_closed();
    return echoed;
  },
);

/** Connects, sends part of a line, and closes. */
async function half_line(port: number, signal: AbortSignal): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port, signal });
  await conn.write(new TextEncoder().encode("a line that never ends"));
  conn.close();
}

/** Connects and resets `count` times at once; the server has accepted them by then. */
async function resets(port: number, count: number, signal: AbortSignal): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => connect_and_reset(port, signal)));
}

const RESET_CLIENTS = new URL("./_reset_clients.ts", import.meta.url).pathname;

/**
 * Blocks the loop while another process connects and resets 20 times:
 * the resets reach the server before it can accept them (a slow callback
 * does the same).
 */
function resets_before_accept(port: number): Promise<void> {
  const args = ["run", "--allow-net", RESET_CLIENTS, String(port), "20"];
  const { success } = new Deno.Command(Deno.execPath(), { args }).outputSync();
  assertOk(success);
  return Promise.resolve();
}

/** Connects `count` times at once and closes each connection at once. */
async function burst(port: number, count: number, signal: AbortSignal): Promise<void> {
  const conns = await Promise.all(
    Array.from({ length: count }, () => Deno.connect({ hostname: "127.0.0.1", port, signal })),
  );
  for (const conn of conns) conn.close();
}

/** A client that sends lines and never reads the echo; `close()` ends it. */
class NeverReading {
  readonly #conn: Deno.Conn;
  readonly #writing: Promise<void>;

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
    this.#writing = this.#write_until_closed();
  }

  static async connect(port: number): Promise<NeverReading> {
    return new NeverReading(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Closes the connection; the write it was stuck in fails. */
  close(): Promise<void> {
    this.#conn.close();
    return this.#writing;
  }

  async #write_until_closed(): Promise<void> {
    const lines = new TextEncoder().encode("never read\n".repeat(6000));
    try {
      for (;;) await this.#conn.write(lines);
    } catch {
      // closed
    }
  }
}

/** A misbehaving client's visit; `signal` aborts its connects. */
type Visit = (port: number, signal: AbortSignal) => Promise<void>;

/** `count` visits of each kind in an order drawn from `random`. */
function storm_of(random: () => number, count: number): Visit[] {
  const visits: Visit[] = [];
  for (let i = 0; i < count; i++) {
    const [reset_count, burst_count] = [between(random, 1, 20), between(random, 5, 20)];
    visits.push(
      (port, signal) => resets(port, reset_count, signal),
      half_line,
      (port, signal) => burst(port, burst_count, signal),
    );
    if (i % 10 === 0) visits.push(resets_before_accept);
  }
  for (let i = visits.length - 1; i > 0; i--) {
    const j = between(random, 0, i);
    [visits[i], visits[j]] = [visits[j], visits[i]];
  }
  return visits;
}

/** Pays the visits one after the other, a few milliseconds apart. */
const storm = coroutine(async function storm(port: number, seed: number, count: number) {
  const random = seeded(seed);
  const signal = current_task()!.signal;
  for (const visit of storm_of(random, count)) {
    await visit(port, signal);
    await sleep(between(random, 0, 3) / 1000);
  }
});

Deno.test("a storm of misbehaving clients: the server serves the others every byte, reports nothing", async () => {
  const contexts: ExceptionContext[] = [];
  await run(wait_for(
    coroutine(async () => {
      get_running_loop().set_exception_handler((_loop, context) => contexts.push(context));
      const server = await start_server(echo_lines, "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const never_reading = await Promise.all([1, 2, 3].map(() => NeverReading.connect(port)));
      const echoed = await gather(
        well_behaved(port, 1, 60),
        well_behaved(port, 2, 60),
        well_behaved(port, 3, 60),
        storm(port, 11, 25),
        storm(port, 12, 25),
      );
      assertOk((echoed.slice(0, 3) as number[]).every((bytes) => bytes > 0));
      assertStrictEquals(server.is_serving(), true);
      assertOk(await well_behaved(port, 4, 5) > 0); // after the storm, too
      await Promise.all(never_reading.map((client) => client.close()));
      server.close();
      await server.wait_closed(); // every connection was closed
    })(),
    TIME_LIMIT,
  ));
  assertEquals(contexts.map((context) => context.message), []);
});

/** The server's descriptor limit: Deno holds about 26 itself, so a flood of 40 connections runs it out. */
const DESCRIPTOR_LIMIT = 40;

Deno.test("out of file descriptors: the server rests, recovers, and keeps echoing every byte", async () => {
  const server_program = new URL("./_echo_server.ts", import.meta.url).pathname;
  await run(wait_for(
    coroutine(async () => {
      const server = await create_subprocess_exec(
        "sh",
        "-c",
        `ulimit -n ${DESCRIPTOR_LIMIT}; exec "$0" run --allow-net "$1"`,
        Deno.execPath(),
        server_program,
        { stdin: PIPE, stdout: PIPE },
      );
      const port = Number(new TextDecoder().decode(await server.stdout!.readline()).split(" ")[1]);
      // Well-behaved clients, connected before the flood, echo throughout.
      const steady = gather(well_behaved(port, 21, 80), well_behaved(port, 22, 80));
      await sleep(0.02);
      const flood = await Promise.all(
        Array.from(
          { length: DESCRIPTOR_LIMIT },
          () => Deno.connect({ hostname: "127.0.0.1", port }),
        ),
      );
      await gather(...Array.from({ length: 10 }, () => connect_and_reset(port))); // in the backlog
      for (const conn of flood) conn.close();
      const echoed = await steady as number[];
      assertOk(echoed.every((bytes) => bytes > 0));
      assertOk(await well_behaved(port, 23, 5) > 0); // accepted once the rest is over
      server.stdin!.close();
      const report = new TextDecoder().decode(await server.stdout!.read());
      assertStrictEquals(await server.wait(), 0);
      const lines = report.split("\n").filter((line) => line !== "");
      assertOk(lines.length > 0, "the server never ran out of descriptors");
      for (const line of lines) {
        assertStrictEquals(line, "handler: socket.accept() out of system resource: OSError");
      }
    })(),
    TIME_LIMIT,
  ));
});
