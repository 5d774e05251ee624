/**
 * Seeded random programs that mix foreign awaits (host timers, promise
 * chains, HTTP requests, file reads) with library awaits in async-function
 * and generator coroutines, with random cancellations, and check what must
 * hold whatever the mix: a coroutine is its own task at every library
 * await, the program ends, queue items are neither lost nor duplicated, a
 * lock has one holder at most, a cancelled task ends cancelled with its
 * `finally` run.
 *
 * Runtime-neutral (Deno, Node, no `AsyncLocalStorage`): the library and the
 * foreign operations are passed in.
 *
 * @module
 */

import type * as Asyncio from "../../mod.ts";

/** The host operations a program awaits, outside the library. */
export interface ForeignOps {
  /** GETs a small body from a local HTTP server. */
  fetch_text(): Promise<string>;
  /** Reads a small file. */
  read_file(): Promise<string>;
}

/** What a program run found. */
export interface ProgramReport {
  seed: number;
  violations: string[];
  /** Library awaits checked for identity. */
  checks: number;
  /** Workers that ended with the "cannot tell which task" error. */
  unknown_task: number;
  foreign: number;
}

/**
 * The error an await raises when the runtime cannot say which of several
 * detached tasks made it (`RuntimeError: cannot tell which task ...`),
 * possibly wrapped by a `TaskGroup` or `gather` on its way out.
 */
function is_unknown_task_error(error: unknown): boolean {
  if (error instanceof Error && error.message.startsWith("cannot tell which task")) return true;
  const group = (error as { exceptions?: unknown[] } | null)?.exceptions;
  return Array.isArray(group) && group.length > 0 && group.every(is_unknown_task_error);
}

/** Mulberry32: a small seeded generator, so that a seed replays its program. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Op =
  | { kind: "timer"; ms: number }
  | { kind: "chain"; length: number }
  | { kind: "fetch" }
  | { kind: "file" }
  | { kind: "sleep"; seconds: number }
  | { kind: "put" }
  | { kind: "get" }
  | { kind: "lock_with"; body: Op[] }
  | { kind: "lock_using"; body: Op[] }
  | { kind: "semaphore"; body: Op[] }
  | { kind: "event" }
  | { kind: "wait_for"; body: Op[]; style: Style }
  | { kind: "inline"; body: Op[]; style: Style }
  | { kind: "child"; body: Op[]; style: Style }
  | { kind: "gather"; bodies: Op[][]; style: Style }
  | { kind: "task_group"; bodies: Op[][]; style: Style };

type Style = "async" | "generator";

const FOREIGN_KINDS = ["timer", "chain", "fetch", "file"] as const;
const LIBRARY_KINDS = ["sleep", "put", "get", "event", "sleep"] as const;
const NESTED_KINDS = [
  "lock_with",
  "lock_using",
  "semaphore",
  "wait_for",
  "inline",
  "child",
  "gather",
  "task_group",
] as const;

/**
 * What a body runs inside: the program takes the semaphore before the lock,
 * never the other way, and neither twice, so it cannot deadlock by design.
 */
type Held = "nothing" | "semaphore" | "lock";

function make_ops(random: () => number, depth: number, style: Style, held: Held): Op[] {
  const ops: Op[] = [];
  const count = 1 + Math.floor(random() * (depth === 0 ? 6 : 3));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const pick_style = (): Style => random() < 0.5 ? "async" : "generator";
  const allowed = NESTED_KINDS.filter((kind) =>
    held === "nothing" || held === "semaphore" && kind.startsWith("lock") ||
    !kind.startsWith("lock") && kind !== "semaphore"
  );
  for (let i = 0; i < count; i++) {
    const roll = random();
    // Generator coroutines have no foreign await: what they yield is adapted.
    if (roll < 0.4 && style === "async") {
      const kind = pick(FOREIGN_KINDS);
      if (kind === "timer") ops.push({ kind, ms: Math.floor(random() * 6) });
      else if (kind === "chain") ops.push({ kind, length: 1 + Math.floor(random() * 5) });
      else ops.push({ kind });
    } else if (roll < 0.75 || depth >= 2) {
      const kind = pick(LIBRARY_KINDS);
      if (kind === "sleep") ops.push({ kind, seconds: pick([0, 0, 0.001, 0.003]) });
      else ops.push({ kind });
    } else {
      const kind = pick(allowed);
      switch (kind) {
        case "lock_with":
        case "lock_using":
          ops.push({ kind, body: make_ops(random, depth + 1, style, "lock") });
          break;
        case "semaphore":
          ops.push({ kind, body: make_ops(random, depth + 1, style, "semaphore") });
          break;
        case "wait_for":
        case "inline":
        case "child": {
          const sub_style = pick_style();
          ops.push({ kind, body: make_ops(random, depth + 1, sub_style, held), style: sub_style });
          break;
        }
        default: {
          const sub_style = pick_style();
          const bodies = [0, 1].map(() => make_ops(random, depth + 1, sub_style, held));
          ops.push({ kind, bodies, style: sub_style });
        }
      }
    }
  }
  return ops;
}

/** What each worker task of a program does. */
export interface WorkerPlan {
  style: Style;
  ops: Op[];
  /** Loop time at which the worker is cancelled, or -1. */
  cancel_at: number;
}

/** The workers of the program drawn from `random`. */
function plan_program(random: () => number): WorkerPlan[] {
  const workers = 3 + Math.floor(random() * 6);
  return Array.from({ length: workers }, () => {
    const style: Style = random() < 0.6 ? "async" : "generator";
    const ops = make_ops(random, 0, style, "nothing");
    return { style, ops, cancel_at: random() < 0.3 ? random() * 0.01 : -1 };
  });
}

/** The program of `seed`, as JSON, to read when a seed fails. */
export function describe_program(seed: number): string {
  return JSON.stringify(plan_program(prng(seed)));
}

/** Runs the program of `seed` with `asyncio`; resolves with what it found. */
export async function run_program(
  seed: number,
  asyncio: typeof Asyncio,
  foreign: ForeignOps,
  options: { foreign_first?: boolean; track_tasks?: boolean } = {},
): Promise<ProgramReport> {
  const {
    async_with,
    CancelledError,
    coroutine,
    create_task,
    current_task,
    Event,
    gather,
    Lock,
    Queue,
    run,
    Semaphore,
    sleep,
    TaskGroup,
    wait_for,
  } = asyncio;
  const random = prng(seed);
  const report: ProgramReport = { seed, violations: [], checks: 0, foreign: 0, unknown_task: 0 };
  const violation = (text: string) => {
    if (report.violations.length < 20) report.violations.push(text);
  };
  const queue = new Queue<number>();
  let put = 0;
  let got = 0;
  const lock = new Lock();
  let holders = 0;
  const semaphore = new Semaphore(2);
  let semaphore_holders = 0;
  const event = new Event();

  type Task = Asyncio.Task<unknown>;
  const check = (me: Task, where: string) => {
    report.checks++;
    const now = current_task();
    if (now !== me) {
      violation(`${where}: current_task() is ${now?.get_name() ?? "null"}, not ${me.get_name()}`);
    }
  };

  async function foreign_op(op: Op): Promise<void> {
    report.foreign++;
    if (op.kind === "timer") await new Promise((resolve) => setTimeout(resolve, op.ms));
    else if (op.kind === "chain") {
      let p = Promise.resolve(0);
      for (let i = 0; i < op.length; i++) p = p.then((n) => n + 1);
      await p;
    } else if (op.kind === "fetch") await foreign.fetch_text();
    else await foreign.read_file();
  }

  const holding_lock = async (me: Task, body: Op[], where: string) => {
    holders++;
    if (holders > 1) violation(`${where}: ${holders} holders of the lock`);
    try {
      await run_async(me, body, where);
    } finally {
      holders--;
    }
  };

  /** Runs `ops` as async-function code of the task `me`. */
  async function run_async(me: Task, ops: Op[], where: string): Promise<void> {
    for (const [index, op] of ops.entries()) {
      const at = `${where}.${index}:${op.kind}`;
      switch (op.kind) {
        case "timer":
        case "chain":
        case "fetch":
        case "file":
          await foreign_op(op);
          break;
        case "sleep":
          await sleep(op.seconds);
          check(me, at);
          break;
        case "put":
          await queue.put(seed);
          put++;
          check(me, at);
          break;
        case "get":
          try {
            await wait_for(queue.get(), 0.002);
            got++;
          } catch (error) {
            if (!(error instanceof asyncio.TimeoutError)) throw error;
          }
          check(me, at);
          break;
        case "event":
          if (random() < 0.5) {
            event.set();
            await sleep(0);
          } else {
            try {
              await wait_for(event.wait(), 0.002);
            } catch (error) {
              if (!(error instanceof asyncio.TimeoutError)) throw error;
            }
          }
          check(me, at);
          break;
        case "lock_with":
          await async_with(lock, async () => {
            check(me, `${at} (entered)`);
            await holding_lock(me, op.body, at);
          });
          check(me, at);
          break;
        case "lock_using": {
          using _held = await lock.acquire_context();
          check(me, `${at} (acquired)`);
          await holding_lock(me, op.body, at);
          break;
        }
        case "semaphore":
          await async_with(semaphore, async () => {
            if (++semaphore_holders > 2) violation(`${at}: ${semaphore_holders} in the semaphore`);
            try {
              check(me, `${at} (entered)`);
              await run_async(me, op.body, at);
            } finally {
              semaphore_holders--;
            }
          });
          check(me, at);
          break;
        case "wait_for":
          await wait_for(sub(me, op.body, op.style, at), 10);
          check(me, at);
          break;
        case "inline":
          await sub(me, op.body, op.style, at);
          check(me, at);
          break;
        case "child":
          await create_task(child(op.body, op.style, at));
          check(me, at);
          break;
        case "gather":
          await gather(...op.bodies.map((body, i) => child(body, op.style, `${at}[${i}]`)));
          check(me, at);
          break;
        case "task_group":
          await async_with(new TaskGroup(), async (group) => {
            check(me, `${at} (entered)`);
            for (const [i, body] of op.bodies.entries()) {
              group.create_task(child(body, op.style, `${at}[${i}]`));
            }
            await sleep(0); // the children start while the body still runs
            check(me, `${at} (body)`);
          });
          check(me, at);
          break;
      }
    }
  }

  /** Runs `ops` as generator code of the task `me`: foreign ops are skipped. */
  function* run_generator(me: Task, ops: Op[], where: string): Generator<unknown, void, unknown> {
    for (const [index, op] of ops.entries()) {
      const at = `${where}.${index}:${op.kind}`;
      switch (op.kind) {
        case "sleep":
          yield* sleep(op.seconds);
          check(me, at);
          break;
        case "put":
          yield* queue.put(seed);
          put++;
          check(me, at);
          break;
        case "get":
          try {
            yield* wait_for(queue.get(), 0.002);
            got++;
          } catch (error) {
            if (!(error instanceof asyncio.TimeoutError)) throw error;
          }
          check(me, at);
          break;
        case "lock_with":
        case "lock_using":
        case "semaphore":
          // An async body inside a generator task: async code the task runs.
          yield* async_with(op.kind === "semaphore" ? semaphore : lock, async () => {
            check(me, `${at} (entered)`);
            if (op.kind === "semaphore") await run_async(me, op.body, at);
            else await holding_lock(me, op.body, at);
          });
          check(me, at);
          break;
        case "wait_for":
          yield* wait_for(sub(me, op.body, op.style, at), 10);
          check(me, at);
          break;
        case "inline":
          yield* sub(me, op.body, op.style, at);
          check(me, at);
          break;
        case "child":
          yield* create_task(child(op.body, op.style, at));
          check(me, at);
          break;
        case "gather":
          yield* gather(...op.bodies.map((body, i) => child(body, op.style, `${at}[${i}]`)));
          check(me, at);
          break;
        case "task_group":
          yield* async_with(new TaskGroup(), function* (group) {
            for (const [i, body] of op.bodies.entries()) {
              group.create_task(child(body, op.style, `${at}[${i}]`));
            }
          });
          check(me, at);
          break;
        default:
          yield* sleep(0); // a foreign op: generators have none
          check(me, at);
      }
    }
  }

  /** A coroutine run inline by the task `me`. */
  const sub = (me: Task, ops: Op[], style: Style, where: string) =>
    style === "async"
      ? coroutine(async () => {
        await run_async(me, ops, where);
      })()
      : coroutine(function* () {
        yield* run_generator(me, ops, where);
      })();

  /** A coroutine for a task of its own, which checks itself. */
  const child = (ops: Op[], style: Style, where: string) =>
    style === "async"
      ? coroutine(async () => {
        const me = current_task() as Task;
        await run_async(me, ops, where);
      })()
      : coroutine(function* () {
        const me = current_task() as Task;
        yield* run_generator(me, ops, where);
      })();

  const plans = plan_program(random);

  await run(
    coroutine(async function main() {
      // A loop tracks the tasks it starts after its first foreign await.
      if (options.foreign_first) await new Promise((resolve) => setTimeout(resolve, 1));
      const finished = new Set<number>();
      const tasks = plans.map(({ style, ops }, id) => {
        const body = style === "async"
          ? coroutine(async function worker() {
            const me = current_task() as Task;
            try {
              await run_async(me, ops, `w${id}`);
            } finally {
              finished.add(id);
            }
          })
          : coroutine(function* worker() {
            const me = current_task() as Task;
            try {
              yield* run_generator(me, ops, `w${id}`);
            } finally {
              finished.add(id);
            }
          });
        return create_task(body(), { name: `w${id}` });
      });
      const cancelled = new Set<number>();
      for (const [id, { cancel_at }] of plans.entries()) {
        if (cancel_at < 0) continue;
        asyncio.get_running_loop().call_later(cancel_at, () => {
          if (tasks[id].cancel()) cancelled.add(id);
        });
      }
      await gather(...tasks, { return_exceptions: true });
      for (const [id, task] of tasks.entries()) {
        if (!finished.has(id)) violation(`w${id}: its finally did not run`);
        if (cancelled.has(id) && !task.cancelled() && !is_unknown_task_error(task.exception())) {
          violation(`w${id}: cancelled, but ended ${task.exception() ?? "with a result"}`);
        }
        if (!task.cancelled() && task.exception() !== null) {
          const error = task.exception();
          // The documented outcome where the runtime cannot tell tasks apart.
          if (is_unknown_task_error(error)) report.unknown_task++;
          else if (!(error instanceof CancelledError)) violation(`w${id}: raised ${error}`);
        }
      }
    })(),
    { track_tasks: options.track_tasks },
  );
  // After run(), which cancelled what was left: children that a worker
  // started and never awaited (it failed first) have ended too.
  while (!queue.empty()) {
    queue.get_nowait();
    got++;
  }
  if (put !== got) violation(`items: ${put} put, ${got} got`);
  if (holders !== 0) violation(`${holders} lock holders at the end`);
  return report;
}
