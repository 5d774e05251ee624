import { Heap } from "../lib/_heap.ts";
import { new_event_loop, type TimerHandle } from "../mod.ts";
import { assertEquals, assertStrictEquals } from "./_assert.ts";

const less = (a: number, b: number) => a < b;

function drain<T>(heap: Heap<T>): T[] {
  const out: T[] = [];
  while (heap.length > 0) out.push(heap.pop() as T);
  return out;
}

Deno.test("Heap: empty heap", () => {
  const h = new Heap(less);
  assertStrictEquals(h.length, 0);
  assertStrictEquals(h.peek(), undefined);
  assertStrictEquals(h.pop(), undefined);
});

Deno.test("Heap: pops in ascending order", () => {
  const h = new Heap(less);
  const values = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 3, 3];
  for (const v of values) h.push(v);
  assertStrictEquals(h.length, values.length);
  assertStrictEquals(h.peek(), 0);
  assertEquals(drain(h), [...values].sort((a, b) => a - b));
});

Deno.test("Heap: iterates over every item, leaving them in place", () => {
  const h = new Heap(less);
  for (const v of [4, 1, 3]) h.push(v);
  assertEquals([...h].sort(), [1, 3, 4]);
  assertStrictEquals(h.length, 3);
  assertStrictEquals(h.peek(), 1);
});

Deno.test("Heap: random pushes and pops match a sorted model", () => {
  const h = new Heap(less);
  const model: number[] = [];
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 1000;
  for (let i = 0; i < 3000; i++) {
    if (rand() < 600 || model.length === 0) {
      const v = rand();
      h.push(v);
      model.push(v);
      model.sort((a, b) => a - b);
    } else {
      assertStrictEquals(h.pop(), model.shift());
    }
    assertStrictEquals(h.peek(), model[0]);
  }
  assertEquals(drain(h), model);
});

Deno.test("Heap: filter keeps only accepted items and restores order", () => {
  const h = new Heap(less);
  for (let i = 100; i > 0; i--) h.push(i);
  h.filter((v) => v % 3 === 0);
  assertStrictEquals(h.length, 33);
  assertStrictEquals(h.peek(), 3);
  assertEquals(drain(h), Array.from({ length: 33 }, (_, i) => (i + 1) * 3));
  h.push(1);
  h.filter(() => false);
  assertStrictEquals(h.length, 0);
  assertStrictEquals(h.pop(), undefined);
});

Deno.test("Heap: drain visits every item and empties the heap", () => {
  const h = new Heap(less);
  for (const v of [4, 2, 6]) h.push(v);
  const seen: number[] = [];
  h.drain((v) => seen.push(v));
  assertEquals(seen.sort(), [2, 4, 6]);
  assertStrictEquals(h.length, 0);
});

Deno.test("Heap: the loop's timer comparator keeps equal deadlines FIFO", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const names: string[] = [];
    const noop = () => {};
    const order: [number, string][] = [
      [5, "a"],
      [1, "b"],
      [5, "c"],
      [3, "d"],
      [5, "e"],
      [1, "f"],
      [3, "g"],
      [5, "h"],
    ];
    const byHandle = new Map<TimerHandle, string>();
    for (const [when, name] of order) byHandle.set(loop.call_at(when, noop), name);
    // Many equal keys too, to exercise sift paths deep in the heap.
    for (let i = 0; i < 50; i++) byHandle.set(loop.call_at(7, noop), `z${i}`);
    const heap = loop._scheduled;
    while (heap.length > 0) names.push(byHandle.get(heap.pop() as TimerHandle) as string);
    assertEquals(names, [
      "b",
      "f",
      "d",
      "g",
      "a",
      "c",
      "e",
      "h",
      ...Array.from({ length: 50 }, (_, i) => `z${i}`),
    ]);
  } finally {
    loop.close();
  }
});

Deno.test("Heap: filter keeps FIFO among equal timer deadlines", () => {
  const loop = new_event_loop({ clock: "virtual" });
  try {
    const handles: TimerHandle[] = [];
    for (let i = 0; i < 40; i++) handles.push(loop.call_at(i % 2, () => {}));
    loop._scheduled.filter((t) => handles.indexOf(t) % 3 !== 0);
    const popped: number[] = [];
    while (loop._scheduled.length > 0) {
      popped.push(handles.indexOf(loop._scheduled.pop() as TimerHandle));
    }
    const kept = handles.map((_, i) => i).filter((i) => i % 3 !== 0);
    const expected = [...kept.filter((i) => i % 2 === 0), ...kept.filter((i) => i % 2 === 1)];
    assertEquals(popped, expected);
  } finally {
    loop.close();
  }
});
