import { ByteBuffer } from "../lib/_byte_buffer.ts";
import { assertEquals, assertStrictEquals } from "./_assert.ts";

const bytes = (...values: number[]) => new Uint8Array(values);

Deno.test("ByteBuffer: push, take and drop keep the order", () => {
  const buffer = new ByteBuffer();
  buffer.push(bytes(1, 2, 3));
  buffer.push(bytes(4, 5));
  assertStrictEquals(buffer.length, 5);
  assertEquals([...buffer.take(2)], [1, 2]);
  buffer.drop(1);
  assertEquals([...buffer.take(10)], [4, 5]); // at most what is there
  assertStrictEquals(buffer.length, 0);
  assertEquals([...buffer.take(3)], []);
});

Deno.test("ByteBuffer: grows past its first capacity and compacts what was taken", () => {
  const buffer = new ByteBuffer();
  const chunk = new Uint8Array(700).map((_, i) => i % 251);
  let expected: number[] = [];
  for (let round = 0; round < 20; round++) {
    buffer.push(chunk);
    expected = expected.concat([...chunk]);
    const taken = buffer.take(500);
    assertEquals([...taken], expected.slice(0, 500));
    expected = expected.slice(500);
  }
  assertStrictEquals(buffer.length, expected.length);
  assertEquals([...buffer.take(buffer.length)], expected);
});

Deno.test("ByteBuffer: find and starts_with look from an offset", () => {
  const buffer = new ByteBuffer();
  buffer.push(bytes(9, 1, 2, 1, 2, 3));
  buffer.drop(1);
  assertStrictEquals(buffer.find(bytes(1, 2, 3), 0), 2);
  assertStrictEquals(buffer.find(bytes(1, 2), 1), 2);
  assertStrictEquals(buffer.find(bytes(3, 4), 0), -1); // would run past the end
  assertStrictEquals(buffer.starts_with(bytes(2, 3), 3), true);
  assertStrictEquals(buffer.starts_with(bytes(2, 3, 4), 3), false);
  buffer.clear();
  assertStrictEquals(buffer.find(bytes(1), 0), -1);
});
