// OS errors under Python's names: a peer reset, a refused connection, a timeout, a finished process, a missing program.
import {
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  coroutine,
  FileNotFoundError,
  OSError,
  ProcessLookupError,
  run,
  sleep,
  wait_for,
} from "../../mod.ts";
import { create_subprocess_exec, open_connection } from "../../io.ts";
import { reset_server } from "../_reset.ts";
import { pybool } from "./_pyrepr.ts";

function describe(what: string, error: OSError): void {
  const bases = [ConnectionError, OSError].filter((base) => error instanceof base);
  console.log(
    what,
    error.name,
    `[${bases.map((base) => `'${base.name}'`).join(", ")}]`,
    pybool(error.errno !== null),
    pybool(error.strerror !== null),
  );
}

/** Awaits `aw` and describes the error of class `cls` it throws (`except cls`). */
async function expect<E extends OSError>(
  what: string,
  aw: PromiseLike<unknown>,
  cls: new (...args: never[]) => E,
): Promise<E> {
  try {
    await aw;
  } catch (error) {
    if (!(error instanceof cls)) throw error;
    describe(what, error);
    return error;
  }
  throw new Error(`${what}: nothing was raised`);
}

const main = coroutine(async () => {
  // Deno's sockets cannot send a reset (no SO_LINGER): the peer is node:net's.
  const server = await reset_server();
  const [reader, writer] = await open_connection("127.0.0.1", server.port);
  writer.write(new TextEncoder().encode("reset me\n"));
  const error = await expect("read", reader.read(), ConnectionResetError);
  console.log("strerror:", error.strerror);
  await expect("drain", writer.drain(), ConnectionResetError);
  await expect("wait_closed", writer.wait_closed(), ConnectionResetError);
  await server.close();

  await expect("connect", open_connection("127.0.0.1", server.port), ConnectionRefusedError);

  await expect("wait_for", wait_for(sleep(1), 0.01), OSError);

  const proc = await create_subprocess_exec("true");
  await proc.wait();
  try {
    proc.kill();
  } catch (error) {
    if (!(error instanceof ProcessLookupError)) throw error;
    describe("kill", error);
  }

  const spawn = await expect(
    "spawn",
    create_subprocess_exec("/nonexistent/program"),
    FileNotFoundError,
  );
  console.log("filename:", spawn.filename);
});

await run(main());
