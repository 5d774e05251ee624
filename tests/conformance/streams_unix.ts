// Unix-socket streams: serve_forever until cancelled, `async with server`, a line over the limit.
import {
  async_with,
  CancelledError,
  coroutine,
  create_task,
  type EventLoop,
  type ExceptionContext,
  get_running_loop,
  run,
  sleep,
} from "../../mod.ts";
import {
  open_unix_connection,
  start_unix_server,
  type StreamReader,
  type StreamWriter,
} from "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

const greet = coroutine(async (reader: StreamReader, writer: StreamWriter) => {
  const name = new TextDecoder().decode(await reader.readline()).trim();
  writer.write(bytes(`hello ${name}\n`));
  await writer.drain();
  writer.close();
  await writer.wait_closed();
});

const ask = coroutine(async (path: string, name: string) => {
  const [reader, writer] = await open_unix_connection(path);
  writer.write(bytes(`${name}\n`));
  console.log(pybytes(await reader.read()));
  writer.close();
  await writer.wait_closed();
});

function handler(_loop: EventLoop, context: ExceptionContext): void {
  console.log("handler:", context.message, (context.exception as Error).name);
}

const main = coroutine(async () => {
  get_running_loop().set_exception_handler(handler);
  const directory = await Deno.makeTempDir();
  const path = `${directory}/greet.sock`;
  let server = await start_unix_server(greet, path, { start_serving: false });
  console.log("serving before serve_forever:", pybool(server.is_serving()));
  const forever = create_task(server.serve_forever());
  await sleep(0);
  console.log(
    "serving:",
    pybool(server.is_serving()),
    pybool(server.sockets[0].getsockname() === path),
  );
  for (const name of ["ada", "bob"]) await ask(path, name);
  forever.cancel();
  try {
    await forever;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log("serve_forever cancelled; serving:", pybool(server.is_serving()));
  }

  server = await start_unix_server(greet, path, { limit: 4 });
  await async_with(server, async (server) => {
    console.log("in async with:", pybool(server.is_serving()));
    await ask(path, "eve");
    await ask(path, "alexandra");
  });
  console.log("after async with:", pybool(server.is_serving()));
  await Deno.remove(directory, { recursive: true });
});

await run(main());
