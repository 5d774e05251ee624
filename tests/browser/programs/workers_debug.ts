// to_thread in a browser (a Web Worker from a blob URL), and debug mode's
// "created at" naming this program's file and line.
import { coroutine, create_task, run, sleep, to_thread } from "@aiots/asyncio";
import { check } from "./_check.ts";

const result = await run(coroutine(async () => await to_thread((n: number) => n * 2, 21))());
console.log(`to_thread: ${result}`);
check(result === 42, `to_thread gave ${result}`);

const described = await run(
  coroutine(async () => {
    const task = create_task(sleep(1), { name: "napper" });
    const text = String(task);
    await task;
    return text;
  })(),
  { debug: true, clock: "virtual" },
);
const where = / created at (.*):\d+:\d+>$/.exec(described)?.[1];
console.log(`created at ${new URL(where ?? "none", location.href).pathname}`);
check(where === import.meta.url, `${described} names ${import.meta.url}`);
console.log("ok");
