// Server lifecycle, as 3.12.1: start_serving=False then start_serving(), is_serving, get_loop, close() keeps connections, wait_closed() waits for them, then returns at once; serve_forever on a closed server.
import {
  async_with,
  CancelledError,
  coroutine,
  ensure_future,
  get_running_loop,
  Protocol,
  run,
  RuntimeError,
  sleep,
  type Transport,
} from "../../mod.ts";
import "../../io.ts";
import type { Server } from "../../io.ts";
import { pybool } from "./_pyrepr.ts";

const events: string[] = [];
const held: Transport[] = [];
const list = (items: string[]) => `[${items.map((item) => `'${item}'`).join(", ")}]`;

class Hold extends Protocol {
  override connection_made(transport: Transport): void {
    events.push("server: connection_made");
    held.push(transport);
  }
  override connection_lost(_error: Error | null): void {
    events.push("server: connection_lost");
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  let server = await loop.create_server(() => new Hold(), "127.0.0.1", 0, {
    start_serving: false,
  });
  console.log(
    "is_serving:",
    pybool(server.is_serving()),
    "get_loop is loop:",
    pybool(server.get_loop() === loop),
  );
  await server.start_serving();
  console.log("is_serving:", pybool(server.is_serving()));
  await server.start_serving();
  const [, port] = server.sockets[0].getsockname() as [string, number];
  const [transport] = await loop.create_connection(() => new Protocol(), "127.0.0.1", port);
  while (held.length === 0) await sleep(0.01);
  server.close();
  console.log(
    "after close: is_serving",
    pybool(server.is_serving()),
    "sockets",
    server.sockets.length === 0 ? "()" : server.sockets,
  );
  const waiting = ensure_future(server.wait_closed());
  await sleep(0.05);
  console.log("wait_closed done while a connection is open:", pybool(waiting.done()));
  held[0].close();
  await waiting;
  console.log("wait_closed done:", pybool(waiting.done()), list(events));
  await server.wait_closed();
  console.log("wait_closed again returns at once");
  try {
    await server.serve_forever();
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    console.log("serve_forever:", error.name, error.message.split(" is ")[1]);
  }
  transport.close();

  server = await loop.create_server(() => new Hold(), "127.0.0.1", 0);
  const task = ensure_future(server.serve_forever());
  await sleep(0);
  console.log("serving forever:", pybool(server.is_serving()));
  task.cancel();
  try {
    await task;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    console.log("serve_forever cancelled: is_serving", pybool(server.is_serving()));
  }
  await server.wait_closed();
  server = await loop.create_server(() => new Hold(), "127.0.0.1", 0);
  await async_with(server as Server, (entered: Server) => {
    console.log("async with: is_serving", pybool(entered.is_serving()));
  });
  console.log("after async with: is_serving", pybool(server.is_serving()));
});

await run(main());
