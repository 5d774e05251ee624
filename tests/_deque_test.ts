import { Deque } from "../lib/_deque.ts";
import { assertEquals, assertStrictEquals } from "./_assert.ts";

Deno.test("Deque: empty deque", () => {
  const d = new Deque<number>();
  assertStrictEquals(d.length, 0);
  assertStrictEquals(d.shift(), undefined);
  assertStrictEquals(d.pop(), undefined);
  assertStrictEquals(d.peek(), undefined);
  assertStrictEquals(d.at(0), undefined);
  assertEquals([...d], []);
});

Deno.test("Deque: push/shift is FIFO", () => {
  const d = new Deque<number>();
  for (let i = 0; i < 5; i++) d.push(i);
  assertStrictEquals(d.length, 5);
  assertStrictEquals(d.peek(), 0);
  const out: number[] = [];
  while (d.length > 0) out.push(d.shift() as number);
  assertEquals(out, [0, 1, 2, 3, 4]);
});

Deno.test("Deque: wraparound keeps order across the ring's end", () => {
  const d = new Deque<number>();
  // Move the head near the end of the 16-slot ring, then fill past it.
  for (let i = 0; i < 12; i++) d.push(i);
  for (let i = 0; i < 12; i++) assertStrictEquals(d.shift(), i);
  for (let i = 100; i < 116; i++) d.push(i); // exactly full, wrapped
  assertStrictEquals(d.length, 16);
  assertEquals([...d], Array.from({ length: 16 }, (_, i) => 100 + i));
  for (let i = 0; i < 16; i++) assertStrictEquals(d.at(i), 100 + i);
  assertStrictEquals(d.at(16), undefined);
  assertStrictEquals(d.at(-1), undefined);
});

Deno.test("Deque: growth while wrapped preserves order", () => {
  const d = new Deque<number>();
  for (let i = 0; i < 10; i++) d.push(i);
  for (let i = 0; i < 7; i++) d.shift(); // head at 7, 3 items
  for (let i = 10; i < 1000; i++) d.push(i); // grows several times while wrapped
  const expected = Array.from({ length: 993 }, (_, i) => i + 7);
  assertEquals([...d], expected);
  assertStrictEquals(d.length, 993);
  const out: number[] = [];
  for (let x = d.shift(); x !== undefined; x = d.shift()) out.push(x);
  assertEquals(out, expected);
});

Deno.test("Deque: unshift and pop work at both ends, with growth", () => {
  const d = new Deque<number>();
  d.push(1);
  d.unshift(0);
  d.push(2);
  assertEquals([...d], [0, 1, 2]);
  assertStrictEquals(d.pop(), 2);
  assertStrictEquals(d.pop(), 1);
  assertStrictEquals(d.pop(), 0);
  assertStrictEquals(d.pop(), undefined);
  for (let i = 0; i < 40; i++) d.unshift(i); // grows from the front side
  assertStrictEquals(d.length, 40);
  assertStrictEquals(d.peek(), 39);
  assertEquals([...d], Array.from({ length: 40 }, (_, i) => 39 - i));
  // As a stack: pop returns the back, which is the first unshifted.
  assertStrictEquals(d.pop(), 0);
  assertStrictEquals(d.shift(), 39);
  assertStrictEquals(d.length, 38);
});

Deno.test("Deque: remove takes the first identical item only", () => {
  const d = new Deque<string>();
  for (const s of ["a", "b", "c", "b", "d"]) d.push(s);
  assertStrictEquals(d.remove("b"), true);
  assertEquals([...d], ["a", "c", "b", "d"]);
  assertStrictEquals(d.remove("zz"), false);
  assertStrictEquals(d.remove("a"), true); // front
  assertStrictEquals(d.remove("d"), true); // back
  assertEquals([...d], ["c", "b"]);
  assertStrictEquals(d.length, 2);
  d.push("e");
  assertEquals([...d], ["c", "b", "e"]);
});

Deno.test("Deque: remove in a wrapped buffer", () => {
  const d = new Deque<number>();
  for (let i = 0; i < 14; i++) d.push(i);
  for (let i = 0; i < 14; i++) d.shift();
  for (let i = 0; i < 10; i++) d.push(i); // slots 14,15,0..7
  assertStrictEquals(d.remove(1), true); // spans the wrap when shifting down
  assertStrictEquals(d.remove(9), true);
  assertEquals([...d], [0, 2, 3, 4, 5, 6, 7, 8]);
  d.push(10);
  d.unshift(-1);
  assertEquals([...d], [-1, 0, 2, 3, 4, 5, 6, 7, 8, 10]);
});

Deno.test("Deque: remove uses identity, not equality", () => {
  const a = { v: 1 };
  const b = { v: 1 };
  const d = new Deque<{ v: number }>();
  d.push(a);
  assertStrictEquals(d.remove(b), false);
  assertStrictEquals(d.remove(a), true);
  assertStrictEquals(d.length, 0);
});

Deno.test("Deque: clear empties and the deque stays usable", () => {
  const d = new Deque<number>();
  for (let i = 0; i < 50; i++) d.push(i);
  d.clear();
  assertStrictEquals(d.length, 0);
  assertStrictEquals(d.shift(), undefined);
  d.push(7);
  d.unshift(6);
  assertEquals([...d], [6, 7]);
});

Deno.test("Deque: matches an array model under mixed operations", () => {
  const d = new Deque<number>();
  const model: number[] = [];
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 100;
  for (let i = 0; i < 5000; i++) {
    const op = rand();
    if (op < 35) {
      d.push(i);
      model.push(i);
    } else if (op < 55) {
      d.unshift(i);
      model.unshift(i);
    } else if (op < 75) {
      assertStrictEquals(d.shift(), model.shift());
    } else if (op < 92) {
      assertStrictEquals(d.pop(), model.pop());
    } else if (model.length > 0) {
      const victim = model[rand() % model.length];
      model.splice(model.indexOf(victim), 1);
      assertStrictEquals(d.remove(victim), true);
    }
    assertStrictEquals(d.length, model.length);
    assertStrictEquals(d.peek(), model[0]);
  }
  assertEquals([...d], model);
});
