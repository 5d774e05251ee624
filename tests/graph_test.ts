// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  async_with,
  capture_call_graph,
  coroutine,
  create_task,
  format_call_graph,
  format_task_tree,
  Future,
  future_add_to_awaited_by,
  future_discard_from_awaited_by,
  gather,
  get_running_loop,
  new_event_loop,
  print_call_graph,
  run,
  RuntimeError,
  shield,
  sleep,
  type Task,
  TaskGroup,
  wait_for,
} from "../mod.ts";
import { assertEquals, assertMatch, assertOk, assertThrows } from "./_assert.ts";

const FILE = new URL(import.meta.url).pathname;

/** The library's own coroutine frames, left out of the comparisons (their names are its own). */
const LIBRARY_FRAMES = new Set(["#exit", "run_with", "run_with_primitive"]);

/**
 * The text with ids replaced, each frame reduced to its name (where a
 * suspended async function waits is known only where V8 gives async stack
 * traces at an await: Deno, not Node 20; see "debug mode: ... file and
 * line"), and the library's own frames dropped.
 */
function normal(text: string): string {
  return text
    .replaceAll(/id=0x[0-9a-f]+/g, "id=ID")
    .split("\n")
    .map((line) => line.replace(/\| {3}File '[^']*', line \d+, in /, "|   in "))
    .filter((line) => {
      const frame = /\| {3}in async (.*)\(\)$/.exec(line);
      return frame === null || !LIBRARY_FRAMES.has(frame[1]);
    })
    .join("\n");
}

/** Whether this runtime's stack at a thenable's `then()` names the awaiting async functions. */
async function has_await_sites(): Promise<boolean> {
  let stack = "";
  const thenable = {
    then(resolve: (value: unknown) => void) {
      stack = new Error().stack ?? "";
      resolve(undefined);
    },
  };
  await (async function probe_await_site() {
    await thenable;
  })();
  return stack.includes("at async probe_await_site");
}

const AWAIT_SITES = await has_await_sites();

Deno.test("graph: a task inside a TaskGroup is awaited by the group's parent task", async () => {
  const text = await run(
    coroutine(async function main() {
      let graph = "";
      const child = coroutine(function* child() {
        graph = format_call_graph();
        yield* sleep(0);
      });
      await async_with(new TaskGroup(), async (tg) => {
        tg.create_task(child(), { name: "child" });
      });
      return graph;
    })(),
    { debug: true },
  );
  assertEquals(
    normal(text),
    [
      "* Task(name='child', id=ID)",
      "  + Call stack:",
      "  |   in async child()",
      "  + Awaited by:",
      "    * Task(name='Task-1', id=ID)".replace("Task-1", name_of_main(text)),
      "      + Call stack:",
      "      |   in async TaskGroup.__aexit__()", // as CPython's
      "      |   in async main()",
    ].join("\n"),
  );
});

function name_of_main(text: string): string {
  return /\n {4}\* Task\(name='([^']+)'/.exec(text)![1];
}

Deno.test("graph: a gather tree three levels deep, seen from a leaf and from outside", async () => {
  const graphs: string[] = [];
  let outside = "";
  await run(
    coroutine(async function main() {
      const leaf = coroutine(async function leaf(n: number) {
        if (n === 1) graphs.push(format_call_graph());
        await sleep(1);
      });
      const middle = coroutine(async function middle() {
        await gather(leaf(1), leaf(2));
      });
      const top = create_task(
        coroutine(async function top() {
          await gather(middle());
        })(),
        { name: "top" },
      );
      await sleep(0.5);
      const a_leaf = [...(await import("../mod.ts")).all_tasks()].find((t) =>
        (t.get_coro() as { __name__?: string }).__name__ === "leaf"
      ) as Task<unknown>;
      outside = format_call_graph(a_leaf);
      await top;
    })(),
    { clock: "virtual", debug: true },
  );
  const expected_tail = [
    "  + Awaited by:",
    "    * Task(name='Task-N', id=ID)",
    "      + Call stack:",
    "      |   in async middle()",
    "      + Awaited by:",
    "        * Task(name='Task-N', id=ID)",
    "          + Call stack:",
    "          |   in async top()",
  ];
  const numbered = (text: string) =>
    normal(text).replaceAll(/name='Task-\d+'/g, "name='Task-N'").replace(
      "name='top'",
      "name='Task-N'",
    );
  assertEquals(
    numbered(graphs[0]),
    [
      "* Task(name='Task-N', id=ID)",
      "  + Call stack:",
      "  |   in async leaf()",
      ...expected_tail,
    ].join("\n"),
  );
  assertEquals(
    numbered(outside),
    [
      "* Task(name='Task-N', id=ID)",
      "  + Call stack:",
      "  |   in async leaf()",
      ...expected_tail,
    ].join("\n"),
  );
});

Deno.test("graph: shield and wait_for: the shielded and the waited task are awaited by the waiting task", async () => {
  await run(
    coroutine(async function main() {
      const slow = create_task(sleep(10), { name: "slow" });
      const other = create_task(sleep(10), { name: "other" });
      const shielder = create_task(
        coroutine(async function shielder() {
          await shield(slow);
        })(),
        { name: "shielder" },
      );
      const waiter = create_task(
        coroutine(async function waiter() {
          await wait_for(other, 5);
        })(),
        { name: "waiter" },
      );
      await sleep(1);
      const shielded = capture_call_graph(slow)!;
      assertEquals(shielded.awaited_by.map((g) => (g.future as Task<unknown>).get_name()), [
        "shielder",
      ]);
      assertEquals(shielded.call_stack.map((e) => e.frame.name), ["sleep"]); // its own coroutine
      const waited = normal(format_call_graph(other));
      assertMatch(waited, /^\* Task\(name='other', id=ID\)\n/);
      assertMatch(
        waited,
        /\+ Awaited by:\n {4}\* Task\(name='waiter', id=ID\)\n {6}\+ Call stack:\n/,
      );
      assertMatch(waited, /in async waiter\(\)/);
      shielder.cancel();
      waiter.cancel();
      slow.cancel();
      await gather(shielder, waiter, slow, other, { return_exceptions: true });
      // Done: the records are gone.
      assertEquals(capture_call_graph(slow)!.awaited_by.length, 0);
    })(),
    { clock: "virtual", debug: true },
  );
});

Deno.test("graph: limit keeps the outermost (positive) or innermost (negative) frames; 0 keeps none", async () => {
  await run(
    coroutine(async function main() {
      const inner = coroutine(async function inner() {
        await sleep(10);
      });
      const outer = coroutine(async function outer() {
        await inner();
      });
      const task = create_task(outer(), { name: "t" });
      await sleep(1);
      const names = (limit: number | null) =>
        capture_call_graph(task, { limit })!.call_stack.map((e) => e.frame.name);
      assertEquals(names(null), ["inner", "outer"]); // sleep() runs inline, with no frame
      assertEquals(names(1), ["outer"]);
      assertEquals(names(-1), ["inner"]);
      assertEquals(names(0), []);
      task.cancel();
    })(),
    { clock: "virtual" },
  );
});

Deno.test("graph: bad input and no loop, as CPython", async () => {
  assertThrows(() => capture_call_graph(), RuntimeError);
  assertThrows(
    () => capture_call_graph(5 as never),
    /5 object does not appear to be compatible with asyncio.Future/,
  );
  const loop = new_event_loop();
  const fut = new Future({ loop });
  const waiter = new Future({ loop });
  future_add_to_awaited_by(fut, waiter);
  future_add_to_awaited_by(fut, 3); // not a Future: ignored
  assertEquals(
    normal(format_call_graph(fut)),
    "* Future(id=ID)\n  + Awaited by:\n    * Future(id=ID)",
  );
  future_discard_from_awaited_by(fut, waiter);
  assertEquals(capture_call_graph(fut)!.awaited_by.length, 0);
  loop.close();
  await run(
    coroutine(async function main() {
      const lines: string[] = [];
      print_call_graph(null, { file: (text) => lines.push(text) });
      assertMatch(
        lines[0],
        /^\* Task\(name='Task-\d+', id=0x[0-9a-f]+\)\n {2}\+ Call stack:\n {2}\| {3}File '.*graph_test\.[mt]?[jt]s', line \d+, in async main\(\)\n$/,
      );
    })(),
  );
});

Deno.test("Task.get_stack/print_stack: suspended frames, nothing when done, the error's frames when failed", async () => {
  await run(
    coroutine(async function main() {
      const inner = coroutine(async function inner() {
        await sleep(10);
      });
      const task = create_task(
        coroutine(async function outer() {
          await inner();
        })(),
        { name: "t" },
      );
      await sleep(1);
      assertEquals(task.get_stack().map((f) => f.name), ["outer", "inner"]);
      assertEquals(task.get_stack({ limit: 1 }).map((f) => f.name), ["inner"]);
      const printed: string[] = [];
      task.print_stack({ file: (text) => printed.push(text) });
      assertMatch(
        printed[0],
        /^Stack for <Task pending name='t'.*> \(most recent call last\):\n {2}File "[^"]*", line \d+, in outer\n/,
      );
      task.cancel();
      await gather(task, { return_exceptions: true });
      assertEquals(task.get_stack(), []);
      const failing = create_task(
        coroutine(async function failing() {
          throw new Error("boom");
        })(),
      );
      await gather(failing, { return_exceptions: true });
      assertOk(failing.get_stack().some((f) => f.name === "failing"));
      failing.print_stack({ file: (text) => printed.push(text) });
      assertMatch(printed[1], /^Traceback for <Task finished .*\n(.*\n)*Error: boom\n$/);
    })(),
    { clock: "virtual", debug: true },
  );
});

Deno.test("format_task_tree: roots are the tasks nothing awaits; children hang under their awaiting task", async () => {
  await run(
    coroutine(async function main() {
      const leaf = coroutine(async function leaf() {
        await sleep(10);
      });
      const parent = create_task(
        coroutine(async function parent() {
          await gather(
            create_task(leaf(), { name: "leaf1" }),
            create_task(leaf(), { name: "leaf2" }),
          );
        })(),
        { name: "parent" },
      );
      await sleep(1);
      const tree = format_task_tree(get_running_loop()).replaceAll(FILE, "FILE").replaceAll(
        /:\d+/g,
        ":N",
      );
      assertMatch(tree, /^├── \(T\) Task-\d+\n│ {3}└── {2}main FILE:N\n└── \(T\) parent\n/);
      assertMatch(
        tree,
        /└── {2}parent( FILE:N)?\n {8}├── \(T\) leaf1\n {8}│ {3}└── {2}leaf( FILE:N)?\n/,
      );
      assertMatch(tree, / {8}└── \(T\) leaf2\n {12}└── {2}leaf( FILE:N)?$/);
      parent.cancel();
      await gather(parent, { return_exceptions: true });
    })(),
    { clock: "virtual", debug: true },
  );
});

Deno.test({
  name: "debug mode: a suspended async function's frame has the file and line of its await",
  ignore: !AWAIT_SITES,
  async fn() {
    await run(
      coroutine(async function main() {
        const task = create_task(
          coroutine(async function waiting() {
            await sleep(10);
          })(),
          { name: "w" },
        );
        await sleep(1);
        const [frame] = capture_call_graph(task)!.call_stack.map((entry) => entry.frame);
        assertEquals([frame.name, frame.filename], ["waiting", FILE]);
        assertOk(typeof frame.lineno === "number" && frame.lineno > 0);
        task.cancel();
      })(),
      { clock: "virtual", debug: true },
    );
  },
});
