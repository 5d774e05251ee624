// A StreamReader fed by hand: each read method, the end of the stream, the limit, one waiter at a time.
import {
  coroutine,
  create_task,
  IncompleteReadError,
  LimitOverrunError,
  run,
  RuntimeError,
  sleep,
  ValueError,
} from "../../mod.ts";
import { StreamReader } from "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

class ConnectionError extends Error {
  override name = "ConnectionError";
}

const main = coroutine(async () => {
  let r = new StreamReader(8);
  r.feed_data(bytes("line one\nab"));
  console.log(pybytes(await r.readline()));
  console.log(pybytes(await r.read(1)), pybytes(await r.readexactly(1)));
  r.feed_data(bytes("x--y--z"));
  console.log(pybytes(await r.readuntil(bytes("--"))), pybytes(await r.readuntil(bytes("--"))));
  console.log(`${r}`);
  console.log(pybytes(await r.read(1)));

  const waiter = create_task(r.readexactly(4));
  await sleep(0);
  try {
    await r.read(1);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    console.log("RuntimeError:", e.message);
  }
  r.feed_data(bytes("123"));
  r.feed_eof();
  try {
    await waiter;
  } catch (e) {
    if (!(e instanceof IncompleteReadError)) throw e;
    console.log("IncompleteReadError:", e.message, pybytes(e.partial), e.expected);
  }
  console.log(pybytes(await r.read()), pybool(r.at_eof()));

  r = new StreamReader(4);
  r.feed_data(bytes("0123456789\nok\n"));
  try {
    await r.readuntil(bytes("\n"));
  } catch (e) {
    if (!(e instanceof LimitOverrunError)) throw e;
    console.log("LimitOverrunError:", e.message, e.consumed);
  }
  try {
    await r.readline();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log("ValueError:", e.message);
  }
  console.log(pybytes(await r.readline()));
  r.feed_data(bytes("abcdefgh"));
  try {
    await r.readuntil(bytes("!"));
  } catch (e) {
    if (!(e instanceof LimitOverrunError)) throw e;
    console.log("LimitOverrunError:", e.message, e.consumed);
  }
  console.log(pybytes(await r.read(8)));
  r.feed_data(bytes("xy"));
  r.feed_eof();
  try {
    await r.readuntil(bytes("!"));
  } catch (e) {
    if (!(e instanceof IncompleteReadError)) throw e;
    console.log("IncompleteReadError:", e.message, pybytes(e.partial), e.expected ?? "None");
  }

  r = new StreamReader();
  r.feed_data(bytes("a\nb\n\nc"));
  r.feed_eof();
  const lines: string[] = [];
  for await (const line of r) lines.push(pybytes(line));
  console.log(`[${lines.join(", ")}]`);
  r.set_exception(new ConnectionError("reset"));
  try {
    await r.read(1);
  } catch (e) {
    if (!(e instanceof ConnectionError)) throw e;
    console.log("ConnectionError:", e.message);
  }
});

await run(main(), { clock: "virtual" });
