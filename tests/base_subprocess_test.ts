import {
  CancelledError,
  coroutine,
  create_task,
  type ExceptionContext,
  FileNotFoundError,
  get_running_loop,
  new_event_loop,
  run,
  sleep,
  SubprocessProtocol,
  type SubprocessTransport,
  ValueError,
} from "../mod.ts";
import "../io.ts";
import { assertEquals, assertStrictEquals, assertThrows, raises } from "./_assert.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function rrun<T>(body: () => Promise<T>): Promise<T> {
  return run(coroutine(body)());
}

/** Logs every callback; `done` settles at `connection_lost`. */
class Logging extends SubprocessProtocol {
  log: string[] = [];
  transport: SubprocessTransport | null = null;
  readonly done = get_running_loop().create_future<void>();
  override connection_made(transport: SubprocessTransport): void {
    this.transport = transport;
    this.log.push("connection_made");
  }
  override pipe_data_received(fd: number, data: Uint8Array): void {
    this.log.push(`data ${fd} ${decoder.decode(data)}`);
  }
  override pipe_connection_lost(fd: number, error: Error | null): void {
    this.log.push(`pipe_connection_lost ${fd} ${error}`);
  }
  override process_exited(): void {
    this.log.push(`process_exited ${this.transport?.get_returncode()}`);
  }
  override connection_lost(error: Error | null): void {
    this.log.push(`connection_lost ${error}`);
    this.done.set_result();
  }
}

Deno.test("subprocess_exec: data that comes before connection_made is delivered after it, in order", async () => {
  await rrun(async () => {
    const loop = get_running_loop();
    // The child writes at once; its output is read before the protocol is told of the connection.
    const [transport, protocol] = await loop.subprocess_exec(
      () => new Logging(),
      "sh",
      "-c",
      "echo a; exit 2",
      { stdin: null, stderr: null },
    );
    await protocol.done;
    assertStrictEquals(protocol.log[0], "connection_made");
    assertStrictEquals(protocol.log[protocol.log.length - 1], "connection_lost null");
    assertEquals(protocol.log.slice(1, -1).sort(), [
      "data 1 a\n",
      "pipe_connection_lost 1 null",
      "process_exited 2",
    ]);
    assertStrictEquals(transport.get_returncode(), 2);
    transport.close();
  });
});

Deno.test("subprocess_exec: the transport's protocol, pipes and closing", async () => {
  await rrun(async () => {
    const loop = get_running_loop();
    const [transport, protocol] = await loop.subprocess_exec(() => new Logging(), "cat");
    const base = transport as unknown as {
      get_protocol(): SubprocessProtocol | null;
      set_protocol(protocol: SubprocessProtocol): void;
    };
    assertStrictEquals(base.get_protocol(), protocol);
    assertStrictEquals(transport.get_pipe_transport(3), null);
    assertStrictEquals(transport.get_extra_info("pipe", "none"), "none");
    const stdin = transport.get_pipe_transport(0)!;
    stdin.set_write_buffer_limits(4);
    assertEquals(stdin.get_write_buffer_limits(), [1, 4]);
    stdin.write(encoder.encode("to cat"));
    assertStrictEquals(transport.is_closing(), false);
    // close() sends what is buffered, ends stdin, and kills the child.
    transport.close();
    assertStrictEquals(transport.is_closing(), true);
    assertStrictEquals(stdin.is_closing(), true);
    await protocol.done;
    assertStrictEquals(transport.get_returncode(), -9);
    assertStrictEquals(base.get_protocol(), null);
  });
});

Deno.test("subprocess_exec: a protocol callback that throws goes to the exception handler; the rest goes on", async () => {
  const contexts: ExceptionContext[] = [];
  await rrun(async () => {
    const loop = get_running_loop();
    loop.set_exception_handler((_loop, context) => contexts.push(context));
    class Throwing extends Logging {
      override pipe_data_received(): void {
        throw new Error("bad callback");
      }
    }
    const [transport, protocol] = await loop.subprocess_exec(
      () => new Throwing(),
      "echo",
      "x",
      { stdin: null, stderr: null },
    );
    await protocol.done;
    assertEquals(protocol.log.slice(0, 1), ["connection_made"]);
    assertStrictEquals(protocol.log.includes("process_exited 0"), true);
    transport.close();
  });
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals((contexts[0].exception as Error).message, "bad callback");
});

Deno.test("subprocess_exec: a factory that throws starts nothing; a missing program is FileNotFoundError", async () => {
  await rrun(async () => {
    const loop = get_running_loop();
    await raises(
      loop.subprocess_exec(() => {
        throw new RangeError("no protocol");
      }, "true"),
      RangeError,
    );
    await raises(
      loop.subprocess_exec(() => new Logging(), "/nonexistent/program"),
      FileNotFoundError,
    );
  });
});

Deno.test("subprocess_exec: cancelled while connecting, the child is killed and waited for", async () => {
  await rrun(async () => {
    const loop = get_running_loop();
    let made: Logging | null = null;
    const task = create_task(loop.subprocess_exec(() => made = new Logging(), "sleep", "30"));
    await sleep(0);
    task.cancel();
    await raises(task, CancelledError);
    // As asyncio's, the protocol sees the connection and the child's end.
    await made!.done;
    assertStrictEquals(made!.log[0], "connection_made");
    assertStrictEquals(made!.transport!.get_returncode(), -9);
  });
});

Deno.test("subprocess_exec and subprocess_shell: bad arguments throw at the call", () => {
  const loop = new_event_loop();
  try {
    const factory = () => new SubprocessProtocol();
    assertThrows(
      () => loop.subprocess_exec(factory, 1 as unknown as string),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "subprocess_exec(): program must be a string, got 1",
    );
    assertThrows(
      () => loop.subprocess_exec(factory, "true", { stdout: 5 } as never),
      (e: unknown) =>
        e instanceof ValueError &&
        e.message === "subprocess_exec(): stdout must be PIPE, DEVNULL or null, got 5",
    );
    assertThrows(
      () => loop.subprocess_exec(factory, "true", { stdout: null, stderr: -2 }),
      (e: unknown) =>
        e instanceof ValueError &&
        e.message === "subprocess_exec(): stderr=STDOUT needs stdout=PIPE here",
    );
    assertThrows(() => loop.subprocess_exec(5 as never, "true"), TypeError);
    assertThrows(
      () => loop.subprocess_shell(factory, "true", { bufsize: 4096 }),
      (e: unknown) => e instanceof ValueError && e.message === "bufsize must be 0",
    );
    assertThrows(
      () => loop.subprocess_shell(factory, "true", { nope: 1 } as never),
      (e: unknown) =>
        e instanceof TypeError && e.message.startsWith("subprocess_shell(): unknown option 'nope'"),
    );
  } finally {
    loop.close();
  }
});
