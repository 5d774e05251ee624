// Coroutines that finish without awaiting are part of what is tested here.
// deno-lint-ignore-file require-await
import {
  CancelledError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  coroutine,
  create_task,
  type ExceptionContext,
  FileNotFoundError,
  get_running_loop,
  IncompleteReadError,
  LimitOverrunError,
  new_event_loop,
  OSError,
  run,
  RuntimeError,
  sleep,
  TimeoutError,
  ValueError,
  wait_for,
} from "../mod.ts";
import { asyncio_test } from "../testing.ts";
import {
  open_connection,
  open_unix_connection,
  type ReadTransport,
  type Server,
  start_server,
  start_unix_server,
  type StartServerOptions,
  StreamReader,
  StreamReaderProtocol,
  type StreamWriter,
} from "../io.ts";
import { assertEquals, assertOk, assertStrictEquals, assertThrows, raises } from "./_assert.ts";
import { connect_and_reset, reset_server } from "./_reset.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string) => encoder.encode(text);
const text = (data: Uint8Array) => decoder.decode(data);

/** Runs `body` as the main coroutine of a fresh loop on the real clock, for real I/O. */
function rrun<T>(body: () => Promise<T>): Promise<T> {
  return run(coroutine(body)());
}

/** A reader fed with `chunks`, then (unless `eof` is false) the end of the stream. */
function fed(chunks: string[], eof = true, limit?: number): StreamReader {
  const reader = new StreamReader(limit);
  for (const chunk of chunks) reader.feed_data(bytes(chunk));
  if (eof) reader.feed_eof();
  return reader;
}

// ---------------------------------------------------------------------------
// StreamReader, fed by hand

Deno.test(
  "StreamReader: read(n) gives what is there, up to n; read(0) nothing",
  asyncio_test(async () => {
    const reader = fed(["hello ", "world"], false);
    assertStrictEquals(text(await reader.read(3)), "hel");
    assertStrictEquals(text(await reader.read(100)), "lo world");
    assertStrictEquals((await reader.read(0)).length, 0);
    const later = create_task(reader.read(5));
    await sleep(1);
    assertStrictEquals(later.done(), false); // waits for data
    reader.feed_data(bytes("!"));
    assertStrictEquals(text(await later), "!");
    reader.feed_eof();
    assertStrictEquals((await reader.read(5)).length, 0); // at EOF: empty
    assertStrictEquals(reader.at_eof(), true);
  }),
);

Deno.test(
  "StreamReader: read() reads to the end, in blocks of the limit",
  asyncio_test(async () => {
    const reader = new StreamReader(4);
    const all = create_task(reader.read());
    for (const chunk of ["abc", "defgh", "ij"]) {
      await sleep(1);
      reader.feed_data(bytes(chunk));
    }
    await sleep(1);
    assertStrictEquals(all.done(), false);
    reader.feed_eof();
    assertStrictEquals(text(await all), "abcdefghij");
  }),
);

Deno.test(
  "StreamReader: readline and for await; an unterminated last line, then empty",
  asyncio_test(async () => {
    assertEquals(
      await (async () => {
        const lines: string[] = [];
        for await (const line of fed(["a\nb", "c\n\nd"])) lines.push(text(line));
        return lines;
      })(),
      ["a\n", "bc\n", "\n", "d"],
    );
    const reader = fed(["x"]);
    assertStrictEquals(text(await reader.readline()), "x");
    assertStrictEquals((await reader.readline()).length, 0);
  }),
);

Deno.test(
  "StreamReader: readuntil finds a separator split across feeds",
  asyncio_test(async () => {
    const reader = fed(["one--", "-two-", "--three"], false);
    const sep = bytes("---");
    assertStrictEquals(text(await reader.readuntil(sep)), "one---");
    assertStrictEquals(text(await reader.readuntil(sep)), "two---");
    reader.feed_eof();
    const error = await raises(reader.readuntil(sep), IncompleteReadError);
    assertStrictEquals(text(error.partial), "three");
    assertStrictEquals(error.expected, null);
    assertStrictEquals(reader.at_eof(), true);
  }),
);

Deno.test(
  "StreamReader: readuntil past the limit raises LimitOverrunError and keeps the data",
  asyncio_test(async () => {
    const reader = fed(["0123456789"], false, 5);
    const error = await raises(reader.readuntil(bytes("!")), LimitOverrunError);
    assertStrictEquals(error.message, "Separator is not found, and chunk exceed the limit");
    assertStrictEquals(error.consumed, 10);
    reader.feed_data(bytes("!"));
    const found = await raises(reader.readuntil(bytes("!")), LimitOverrunError);
    assertStrictEquals(found.message, "Separator is found, but chunk is longer than limit");
    assertStrictEquals(found.consumed, 10);
    assertStrictEquals(text(await reader.read(100)), "0123456789!"); // nothing was lost
  }),
);

Deno.test(
  "StreamReader: a line over the limit is a ValueError; a complete one is dropped",
  asyncio_test(async () => {
    const reader = fed(["0123456789\nnext\n"], false, 5);
    const error = await raises(reader.readline(), ValueError);
    assertStrictEquals(error.message, "Separator is found, but chunk is longer than limit");
    assertStrictEquals(text(await reader.readline()), "next\n");
    reader.feed_data(bytes("0123456789"));
    await raises(reader.readline(), ValueError);
    reader.feed_data(bytes("end\n"));
    assertStrictEquals(text(await reader.readline()), "end\n"); // the incomplete long line was cleared
  }),
);

Deno.test(
  "StreamReader: readexactly waits for n bytes; at EOF gives IncompleteReadError",
  asyncio_test(async () => {
    const reader = fed(["ab"], false);
    const exact = create_task(reader.readexactly(5));
    await sleep(1);
    reader.feed_data(bytes("cd"));
    await sleep(1);
    assertStrictEquals(exact.done(), false);
    reader.feed_data(bytes("efg"));
    assertStrictEquals(text(await exact), "abcde");
    assertStrictEquals((await reader.readexactly(0)).length, 0);
    reader.feed_eof();
    const error = await raises(reader.readexactly(3), IncompleteReadError);
    assertStrictEquals(text(error.partial), "fg");
    assertStrictEquals(error.expected, 3);
    assertStrictEquals(error.message, "2 bytes read on a total of 3 expected bytes");
  }),
);

Deno.test(
  "StreamReader: only one coroutine may wait for data",
  asyncio_test(async () => {
    const reader = new StreamReader();
    const first = create_task(reader.read(1));
    await sleep(0);
    const error = await raises(reader.readline(), RuntimeError);
    assertStrictEquals(
      error.message,
      "readuntil() called while another coroutine is already waiting for incoming data",
    );
    reader.feed_data(bytes("z"));
    assertStrictEquals(text(await first), "z");
  }),
);

Deno.test(
  "StreamReader: a cancelled read leaves the reader usable and loses nothing",
  asyncio_test(async () => {
    const reader = new StreamReader();
    const waiting = create_task(reader.readexactly(4));
    await sleep(0);
    reader.feed_data(bytes("ab"));
    await sleep(0);
    waiting.cancel();
    await raises(waiting, CancelledError);
    reader.feed_data(bytes("cd"));
    assertStrictEquals(text(await reader.readexactly(4)), "abcd");
  }),
);

Deno.test(
  "StreamReader: set_exception fails the waiting read and every later one",
  asyncio_test(async () => {
    const reader = fed(["kept"], false);
    assertStrictEquals(text(await reader.read(4)), "kept");
    const waiting = create_task(reader.read(1));
    await sleep(0);
    const boom = new Error("reset");
    reader.set_exception(boom);
    assertStrictEquals(await raises(waiting, Error), boom);
    assertStrictEquals(reader.exception(), boom);
    assertStrictEquals(await raises(reader.readline(), Error), boom);
    assertStrictEquals(await raises(reader.readexactly(1), Error), boom);
  }),
);

Deno.test(
  "StreamReader: pauses its transport past 2 × limit, resumes at the limit",
  asyncio_test(async () => {
    const calls: string[] = [];
    const transport: ReadTransport = {
      pause_reading: () => calls.push("pause"),
      resume_reading: () => calls.push("resume"),
    };
    const reader = new StreamReader(4);
    reader.set_transport(transport);
    assertThrows(() => reader.set_transport(transport), RuntimeError);
    reader.feed_data(bytes("12345678")); // 8 = 2 × limit: not yet
    assertEquals(calls, []);
    reader.feed_data(bytes("9"));
    assertEquals(calls, ["pause"]);
    await reader.read(4); // 5 left: still over the limit
    assertEquals(calls, ["pause"]);
    await reader.read(1);
    assertEquals(calls, ["pause", "resume"]);
    reader.feed_data(bytes("abcdefghi"));
    assertEquals(calls, ["pause", "resume", "pause"]);
    // Waiting for more than the buffer holds while paused would never end: it resumes.
    const big = create_task(reader.readexactly(20));
    await sleep(0);
    assertEquals(calls, ["pause", "resume", "pause", "resume"]);
    reader.feed_eof();
    await raises(big, IncompleteReadError);
  }),
);

Deno.test(
  "StreamReader: bad arguments are clear errors",
  asyncio_test(async () => {
    assertThrows(
      () => new StreamReader(0),
      (e: unknown) => e instanceof ValueError && e.message === "Limit cannot be <= 0",
    );
    assertThrows(() => new StreamReader("big" as unknown as number), TypeError);
    const reader = new StreamReader();
    assertThrows(
      () => reader.read(1.5),
      (e: unknown) =>
        e instanceof TypeError && e.message === "read(): n must be an integer, got 1.5",
    );
    assertThrows(
      () => reader.readexactly(-1),
      (e: unknown) =>
        e instanceof ValueError && e.message === "readexactly size can not be less than zero",
    );
    assertThrows(
      () => reader.readuntil(new Uint8Array(0)),
      (e: unknown) =>
        e instanceof ValueError && e.message === "Separator should be at least one-byte string",
    );
    assertThrows(() => reader.readuntil("\n" as unknown as Uint8Array), TypeError);
    assertThrows(() => reader.feed_data("x" as unknown as Uint8Array), TypeError);
    reader.feed_eof();
    assertThrows(
      () => reader.feed_data(bytes("x")),
      (e: unknown) => e instanceof RuntimeError && e.message === "feed_data after feed_eof",
    );
  }),
);

Deno.test(
  "StreamReader: toString describes the buffer and state",
  asyncio_test(async () => {
    const reader = fed(["abc"], true, 10);
    assertStrictEquals(String(reader), "<StreamReader 3 bytes eof limit=10>");
    assertStrictEquals(String(new StreamReader()), "<StreamReader>");
  }),
);

Deno.test("StreamReader: generator coroutines read with yield*", async () => {
  const result = await run(
    coroutine(function* () {
      const reader = fed(["k=v\n", "rest"]);
      const line: Uint8Array = yield* reader.readline();
      const rest: Uint8Array = yield* reader.read();
      return [text(line), text(rest)];
    })(),
    { clock: "virtual" },
  );
  assertEquals(result, ["k=v\n", "rest"]);
});

Deno.test(
  "StreamReaderProtocol: feeds its reader; EOF keeps the transport open",
  asyncio_test(async () => {
    const reader = new StreamReader();
    const protocol = new StreamReaderProtocol(reader);
    protocol.data_received(bytes("ab"));
    assertStrictEquals(protocol.eof_received(), true);
    assertStrictEquals(text(await reader.read()), "ab");
    protocol.connection_lost(null);
    const no_writer = null as unknown as StreamWriter;
    await protocol._get_close_waiter(no_writer);
    const failing = new StreamReaderProtocol(new StreamReader());
    failing.connection_lost(new Error("gone"));
    await raises(failing._get_close_waiter(no_writer), Error);
    await raises(failing._drain_helper(), ConnectionResetError);
  }),
);

// ---------------------------------------------------------------------------
// TCP

/** Starts an echo server on a free local port; returns it and the port. */
async function echo_server(options?: StartServerOptions): Promise<[Server, number]> {
  const server = await start_server(
    async (reader, writer) => {
      for await (const line of reader) {
        writer.write(line);
        await writer.drain();
      }
      writer.close();
      await writer.wait_closed();
    },
    "127.0.0.1",
    0,
    options,
  );
  return [server, (server.sockets[0].getsockname() as [string, number])[1]];
}

async function close_all(server: Server, ...writers: StreamWriter[]): Promise<void> {
  for (const writer of writers) {
    writer.close();
    await writer.wait_closed();
  }
  server.close();
  await server.wait_closed();
}

Deno.test("TCP: an echo server and two clients, lines in order", async () => {
  await rrun(async () => {
    const [server, port] = await echo_server();
    const [r1, w1] = await open_connection("127.0.0.1", port);
    const [r2, w2] = await open_connection("127.0.0.1", port);
    w1.write(bytes("one\n"));
    w2.writelines([bytes("two"), bytes("\nthree\n")]);
    await w1.drain();
    await w2.drain();
    assertStrictEquals(text(await r1.readline()), "one\n");
    assertStrictEquals(text(await r2.readline()), "two\n");
    assertStrictEquals(text(await r2.readline()), "three\n");
    assertEquals(w1.get_extra_info("peername"), ["127.0.0.1", port]);
    assertStrictEquals((w1.get_extra_info("sockname") as [string, number])[0], "127.0.0.1");
    assertStrictEquals(w1.get_extra_info("nothing", "fallback"), "fallback");
    assertOk(w1.get_extra_info("conn") !== null);
    await close_all(server, w1, w2);
    assertStrictEquals(server.is_serving(), false);
    assertEquals(server.sockets, []);
  });
});

Deno.test("TCP: write_eof lets the peer read the end; the reply still comes back", async () => {
  await rrun(async () => {
    const server = await start_server(
      async (reader, writer) => {
        const all = await reader.read();
        writer.write(bytes(`got ${all.length} bytes`));
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [reader, writer] = await open_connection("127.0.0.1", port);
    assertStrictEquals(writer.can_write_eof(), true);
    writer.write(bytes("12345"));
    writer.write_eof();
    assertThrows(
      () => writer.write(bytes("late")),
      (e: unknown) =>
        e instanceof RuntimeError && e.message === "Cannot call write() after write_eof()",
    );
    assertStrictEquals(text(await reader.read()), "got 5 bytes");
    assertStrictEquals(reader.at_eof(), true);
    await close_all(server, writer);
  });
});

Deno.test("TCP: drain waits while the peer does not read, and returns once it does", async () => {
  await rrun(async () => {
    let peer: [StreamReader, StreamWriter] | null = null;
    const server = await start_server(
      (reader, writer) => {
        peer = [reader, writer];
      },
      "127.0.0.1",
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [, writer] = await open_connection("127.0.0.1", port);
    // Far more than the socket buffers hold: the transport's own buffer fills.
    const size = 64 * 1024 * 1024;
    writer.write(new Uint8Array(size));
    const drained = create_task(writer.drain());
    await sleep(0.05);
    assertStrictEquals(drained.done(), false);
    assertOk(writer.transport.get_write_buffer_size() > 64 * 1024);
    const [peer_reader, peer_writer] = peer as unknown as [StreamReader, StreamWriter];
    const received = await peer_reader.readexactly(size);
    assertStrictEquals(received.length, size);
    await drained;
    assertStrictEquals(writer.transport.get_write_buffer_size(), 0);
    // The server waits for its connections: its side must close too.
    await close_all(server, writer, peer_writer);
  });
});

Deno.test("TCP: once the peer is gone, drain raises and wait_closed reports the error", async () => {
  await rrun(async () => {
    const server = await start_server(
      async (_reader, writer) => {
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [reader, writer] = await open_connection("127.0.0.1", port);
    assertStrictEquals((await reader.read()).length, 0); // the server hung up
    let error: unknown = null;
    try {
      for (let i = 0; i < 100; i++) {
        writer.write(new Uint8Array(64 * 1024));
        await writer.drain();
        await sleep(0.005);
      }
    } catch (e) {
      error = e;
    }
    // The peer resets the connection, or the write meets the closed socket.
    assertOk(error instanceof ConnectionError, String(error));
    assertStrictEquals(writer.is_closing(), true);
    writer.close();
    await raises(writer.wait_closed(), ConnectionError);
    await raises(writer.drain(), ConnectionError);
    server.close();
    await server.wait_closed();
  });
});

Deno.test("TCP: drain after a clean close raises ConnectionResetError", async () => {
  await rrun(async () => {
    const [server, port] = await echo_server();
    const [, writer] = await open_connection("127.0.0.1", port);
    writer.close();
    await writer.wait_closed();
    const error = await raises(writer.drain(), ConnectionResetError);
    assertStrictEquals(error.message, "Connection lost");
    await close_all(server);
  });
});

Deno.test("TCP: wait_closed of the server waits for its connections", async () => {
  await rrun(async () => {
    const [server, port] = await echo_server();
    const [reader, writer] = await open_connection("127.0.0.1", port);
    server.close();
    const closing = create_task(server.wait_closed());
    await sleep(0.02);
    assertStrictEquals(closing.done(), false); // a connection is still open
    await raises(open_connection("127.0.0.1", port), Error); // no longer listening
    writer.write(bytes("still served\n"));
    assertStrictEquals(text(await reader.readline()), "still served\n");
    writer.close();
    await writer.wait_closed();
    await closing;
  });
});

Deno.test("TCP: serve_forever ends by cancellation, closing the server", async () => {
  await rrun(async () => {
    const server = await start_server(() => {}, "127.0.0.1", 0, { start_serving: false });
    assertStrictEquals(server.is_serving(), false);
    const serving = create_task(server.serve_forever());
    await sleep(0);
    assertStrictEquals(server.is_serving(), true);
    await raises(server.serve_forever(), RuntimeError);
    serving.cancel();
    await raises(serving, CancelledError);
    assertStrictEquals(server.is_serving(), false);
    await server.wait_closed();
    await raises(server.serve_forever(), RuntimeError); // closed
  });
});

Deno.test("TCP: start_serving() starts a server made with start_serving: false", async () => {
  await rrun(async () => {
    const server = await start_server(
      async (reader, writer) => {
        writer.write(await reader.readline());
        writer.close();
      },
      "127.0.0.1",
      0,
      { start_serving: false },
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    await server.start_serving();
    const [reader, writer] = await open_connection("127.0.0.1", port);
    writer.write(bytes("hi\n"));
    assertStrictEquals(text(await reader.readline()), "hi\n");
    await close_all(server, writer);
  });
});

Deno.test("TCP: an error in the client callback goes to the handler and closes the connection", async () => {
  const contexts: ExceptionContext[] = [];
  await rrun(async () => {
    get_running_loop().set_exception_handler((_loop, context) => contexts.push(context));
    const server = await start_server(
      async (reader) => {
        await reader.readline();
        throw new TypeError("bad request");
      },
      "127.0.0.1",
      0,
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [reader, writer] = await open_connection("127.0.0.1", port);
    writer.write(bytes("GET\n"));
    assertStrictEquals((await reader.read()).length, 0); // closed by the server
    await close_all(server, writer);
  });
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals(contexts[0].message, "Unhandled exception in client_connected_cb");
  assertOk(contexts[0].exception instanceof TypeError);
  assertOk(String(contexts[0].transport).startsWith("<SocketTransport"));
});

Deno.test("TCP: callbacks of every kind: plain, coroutine function, generator, Promise", async () => {
  await rrun(async () => {
    const seen: string[] = [];
    const reply = async (writer: StreamWriter, tag: string) => {
      writer.write(bytes(tag));
      await writer.drain();
      writer.close();
    };
    const callbacks = [
      (_r: StreamReader, w: StreamWriter) => {
        seen.push("plain");
        w.write(bytes("plain"));
        w.close();
      },
      coroutine(async (_r: StreamReader, w: StreamWriter) => await reply(w, "coroutine")),
      function* (_r: StreamReader, w: StreamWriter) {
        yield* sleep(0);
        w.write(bytes("generator"));
        w.close();
      },
      (_r: StreamReader, w: StreamWriter) => reply(w, "promise"),
    ];
    for (const callback of callbacks) {
      const server = await start_server(callback, "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname() as [string, number];
      const [reader, writer] = await open_connection("127.0.0.1", port);
      seen.push(text(await reader.read()));
      await close_all(server, writer);
    }
    assertEquals(seen, ["plain", "plain", "coroutine", "generator", "promise"]);
  });
});

Deno.test("TCP: a refused connection is ConnectionRefusedError, with Deno's error as cause", async () => {
  await rrun(async () => {
    const [server, port] = await echo_server();
    await close_all(server);
    const error = await raises(open_connection("127.0.0.1", port), ConnectionRefusedError);
    assertOk(error instanceof ConnectionError && error instanceof OSError);
    assertOk(error.cause instanceof Deno.errors.ConnectionRefused);
    assertStrictEquals(typeof error.errno, "number");
    assertStrictEquals(error.message, `[Errno ${error.errno}] ${error.strerror}`);
  });
});

Deno.test("TCP: a peer reset is ConnectionResetError for read, drain and wait_closed", async () => {
  const peer = await reset_server();
  try {
    await rrun(async () => {
      const [reader, writer] = await open_connection("127.0.0.1", peer.port);
      writer.write(bytes("reset me\n"));
      await writer.drain();
      const error = await raises(reader.read(), ConnectionResetError);
      assertOk(error instanceof ConnectionError && error instanceof OSError);
      assertOk(error.cause instanceof Deno.errors.ConnectionReset);
      assertStrictEquals(typeof error.errno, "number");
      assertStrictEquals(error.message, `[Errno ${error.errno}] ${error.strerror}`);
      assertStrictEquals(await raises(writer.drain(), ConnectionResetError), error);
      assertStrictEquals(await raises(writer.wait_closed(), ConnectionResetError), error);
    });
  } finally {
    await peer.close();
  }
});

Deno.test("TCP: listening on a port in use is an OSError, with Deno's error as cause", async () => {
  await rrun(async () => {
    const [server, port] = await echo_server();
    const error = await raises(start_server(() => {}, "127.0.0.1", port), OSError);
    assertOk(error.cause instanceof Deno.errors.AddrInUse);
    assertStrictEquals(typeof error.errno, "number");
    await close_all(server);
  });
});

Deno.test("TCP: open_connection cancelled by a timeout leaks nothing", async () => {
  await rrun(async () => {
    const [server, port] = await echo_server();
    // Too short to connect: the connection made later is closed, not leaked.
    await raises(wait_for(open_connection("127.0.0.1", port), 0), TimeoutError);
    await sleep(0.05);
    await close_all(server);
  });
});

Deno.test("TCP: closing the loop closes the connections and servers left open", async () => {
  const loop = new_event_loop();
  let writer: StreamWriter | null = null;
  let server: Server | null = null;
  await loop.run_until_complete(
    coroutine(async () => {
      [server] = await echo_server();
      const [, port] = server.sockets[0].getsockname() as [string, number];
      [, writer] = await open_connection("127.0.0.1", port);
      await sleep(0.01);
    })(),
  );
  loop.close();
  assertStrictEquals((writer as unknown as StreamWriter).is_closing(), true);
  assertStrictEquals((server as unknown as Server).is_serving(), false);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the closed sockets' operations end
});

Deno.test("TCP: bad arguments are clear errors", async () => {
  await rrun(async () => {
    assertThrows(
      () => open_connection(80 as unknown as string, 80),
      (e: unknown) =>
        e instanceof TypeError && e.message === "open_connection(): host must be a string, got 80",
    );
    assertThrows(
      () => open_connection("localhost", 70000),
      (e: unknown) =>
        e instanceof RangeError &&
        e.message === "open_connection(): port must be in 0..65535, got 70000",
    );
    assertThrows(() => open_connection("localhost", 1.5), TypeError);
    assertThrows(
      () => open_connection("localhost", 80, { limt: 1 } as unknown as { limit: number }),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "open_connection(): unknown option 'limt' (known: limit, ssl)",
    );
    assertThrows(() => open_connection("localhost", 80, { limit: 0 }), ValueError);
    assertThrows(
      () => start_server("cb" as unknown as () => void, "127.0.0.1", 0),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "start_server(): client_connected_cb must be a function, got 'cb'",
    );
    assertThrows(() => start_server(() => {}, [], 0), TypeError);
    const [server, port] = await echo_server();
    const [, writer] = await open_connection("127.0.0.1", port);
    assertThrows(
      () => writer.write("text" as unknown as Uint8Array),
      (e: unknown) =>
        e instanceof TypeError && e.message === "write(): data must be a Uint8Array, got 'text'",
    );
    await close_all(server, writer);
  });
});

// ---------------------------------------------------------------------------
// A server whose accepts fail

/** An error as Deno reports a failed system call: the system's text, and its name in `code`. */
function system_error(code: string, text: string, errno: number): Error {
  return Object.assign(new Error(`${text} (os error ${errno})`), { code });
}

/**
 * Runs `body` while `Deno.listen` gives listeners whose first accepts fail
 * with `failures`, in order; `accepts` counts the accepts asked for.
 */
async function with_failing_accepts<T>(
  failures: Error[],
  body: (accepts: { count: number }) => Promise<T>,
): Promise<T> {
  const accepts = { count: 0 };
  const listen = Deno.listen;
  const failing = (listener: Deno.Listener): Deno.Listener =>
    new Proxy(listener, {
      get(target, key) {
        if (key === "accept") {
          return () => {
            accepts.count++;
            return failures.length > 0 ? Promise.reject(failures.shift()) : target.accept();
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  Deno.listen = ((options: Deno.TcpListenOptions) => failing(listen(options))) as typeof listen;
  try {
    return await body(accepts);
  } finally {
    Deno.listen = listen;
  }
}

/** Sends a line through the echo server at `port` and checks it comes back. */
async function echo_once(port: number, line: string): Promise<void> {
  const [reader, writer] = await open_connection("127.0.0.1", port);
  writer.write(bytes(line));
  assertStrictEquals(text(await reader.readline()), line);
  writer.close();
  await writer.wait_closed();
}

Deno.test("TCP server: a failing accept goes to the exception handler; the server goes on", async () => {
  const contexts: ExceptionContext[] = [];
  const failure = system_error("EPROTO", "Protocol error", 71);
  await with_failing_accepts([failure], () =>
    rrun(async () => {
      get_running_loop().set_exception_handler((_loop, context) => contexts.push(context));
      const [server, port] = await echo_server();
      await echo_once(port, "still served\n");
      assertStrictEquals(server.is_serving(), true);
      await close_all(server);
      assertStrictEquals(contexts.length, 1);
      assertStrictEquals(contexts[0].message, "socket.accept() failed");
      const error = contexts[0].exception as OSError;
      assertOk(error instanceof OSError);
      assertStrictEquals(error.errno, 71);
      assertStrictEquals(error.cause, failure);
      assertStrictEquals(String(contexts[0].socket), `<TransportSocket laddr=127.0.0.1:${port}>`);
    }));
});

Deno.test("TCP server: a client that reset before it was accepted is skipped quietly", async () => {
  const contexts: ExceptionContext[] = [];
  const gone = system_error("ENOTCONN", "Transport endpoint is not connected", 107);
  await with_failing_accepts([gone], () =>
    rrun(async () => {
      get_running_loop().set_exception_handler((_loop, context) => contexts.push(context));
      const [server, port] = await echo_server();
      await echo_once(port, "after an injected ENOTCONN\n");
      server.close();
      await server.wait_closed();
    }));
  await rrun(async () => {
    get_running_loop().set_exception_handler((_loop, context) => contexts.push(context));
    const [server, port] = await echo_server({ start_serving: false });
    await connect_and_reset(port); // reset in the backlog: Deno's accept gives ENOTCONN
    await server.start_serving();
    await echo_once(port, "after a real reset\n");
    await close_all(server);
  });
  assertEquals(contexts.map((context) => context.message), []);
});

Deno.test("TCP server: out of descriptors, the listener rests ACCEPT_RETRY_DELAY on the loop's clock", async () => {
  const contexts: ExceptionContext[] = [];
  const emfile = system_error("EMFILE", "Too many open files", 24);
  await with_failing_accepts([emfile], (accepts) =>
    asyncio_test(async () => {
      const loop = get_running_loop();
      loop.set_exception_handler((_loop, context) => contexts.push(context));
      const [server, port] = await echo_server();
      const failed_at = loop.time();
      assertStrictEquals(accepts.count, 1);
      await echo_once(port, "after the rest\n");
      assertStrictEquals(loop.time() - failed_at, 1); // the virtual clock jumped to the retry
      assertStrictEquals(accepts.count, 3); // the one that failed, the one that worked, the next
      await close_all(server);
    })());
  assertStrictEquals(contexts.length, 1);
  assertStrictEquals(contexts[0].message, "socket.accept() out of system resource");
  assertOk(contexts[0].exception instanceof OSError);
  assertStrictEquals((contexts[0].exception as OSError).errno, 24);
});

Deno.test("TCP server: closing it cancels a listener's rest", async () => {
  const emfile = system_error("EMFILE", "Too many open files", 24);
  await with_failing_accepts([emfile], (accepts) =>
    asyncio_test(async () => {
      get_running_loop().set_exception_handler(() => {});
      const [server] = await echo_server();
      server.close();
      await server.wait_closed();
      await sleep(5);
      assertStrictEquals(accepts.count, 1); // no retry after the close
    })());
});

// ---------------------------------------------------------------------------
// Unix sockets

Deno.test("Unix sockets: an echo server; a socket file left behind is replaced", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/echo.sock`;
  try {
    for (let round = 0; round < 2; round++) {
      await rrun(async () => {
        const server = await start_unix_server(async (reader, writer) => {
          writer.write(await reader.readline());
          await writer.drain();
          writer.close();
        }, path);
        assertStrictEquals(server.sockets[0].getsockname(), path);
        const [reader, writer] = await open_unix_connection(path);
        writer.write(bytes(`round ${round}\n`));
        assertStrictEquals(text(await reader.readline()), `round ${round}\n`);
        assertStrictEquals(writer.get_extra_info("peername"), path);
        await close_all(server, writer);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Unix sockets: no socket at the path is FileNotFoundError; a directory there, an OSError", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await rrun(async () => {
      const missing = await raises(open_unix_connection(`${dir}/none.sock`), FileNotFoundError);
      assertOk(missing.cause instanceof Deno.errors.NotFound);
      await raises(start_unix_server(() => {}, dir), OSError); // a directory: in use
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// ---------------------------------------------------------------------------
// TLS

const FIXTURES = new URL("./fixtures/", import.meta.url);
const TLS = {
  ca: Deno.readTextFileSync(new URL("tls_ca.pem", FIXTURES)),
  cert: Deno.readTextFileSync(new URL("tls_localhost_cert.pem", FIXTURES)),
  key: Deno.readTextFileSync(new URL("tls_localhost_key.pem", FIXTURES)),
};

Deno.test("TLS: an echo server and a client that trusts its authority", async () => {
  await rrun(async () => {
    const server = await start_server(
      async (reader, writer) => {
        assertStrictEquals(writer.get_extra_info("sslcontext"), true);
        assertStrictEquals(writer.can_write_eof(), false);
        writer.write(await reader.readline());
        await writer.drain();
        writer.close();
        await writer.wait_closed();
      },
      "127.0.0.1",
      0,
      { ssl: { cert: TLS.cert, key: TLS.key } },
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    const [reader, writer] = await open_connection("localhost", port, {
      ssl: { ca_certs: [TLS.ca] },
    });
    assertStrictEquals(writer.get_extra_info("sslcontext"), true);
    assertThrows(
      () => writer.write_eof(),
      (e: unknown) => e instanceof RuntimeError && e.message === "SSL doesn't support half-closes",
    );
    writer.write(bytes("over tls\n"));
    assertStrictEquals(text(await reader.readline()), "over tls\n");
    assertStrictEquals((await reader.read()).length, 0); // the server closed
    await close_all(server, writer);
  });
});

Deno.test("TLS: a certificate the client does not trust fails the connection", async () => {
  await rrun(async () => {
    let called = false;
    const server = await start_server(
      () => {
        called = true;
      },
      "127.0.0.1",
      0,
      { ssl: { cert: TLS.cert, key: TLS.key } },
    );
    const [, port] = server.sockets[0].getsockname() as [string, number];
    // The system's authorities do not know the test one.
    await raises(open_connection("localhost", port, { ssl: true }), Error);
    await sleep(0.02);
    server.close();
    await server.wait_closed();
    assertStrictEquals(called, false); // no handshake, no connection
  });
});

Deno.test("TLS: bad ssl options are clear errors", async () => {
  await rrun(async () => {
    assertThrows(
      () => open_connection("localhost", 1, { ssl: "yes" as unknown as boolean }),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message ===
          "open_connection(): ssl must be a boolean or { ca_certs: string[] }, got 'yes'",
    );
    assertThrows(
      () => open_connection("localhost", 1, { ssl: { ca_certs: [1 as unknown as string] } }),
      TypeError,
    );
    assertThrows(
      () => start_server(() => {}, "127.0.0.1", 0, { ssl: { cert: TLS.cert } as never }),
      (e: unknown) => e instanceof TypeError && e.message.startsWith("start_server(): ssl must be"),
    );
    assertThrows(
      () => open_unix_connection("/tmp/x.sock", { ssl: true } as never),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message === "open_unix_connection(): unknown option 'ssl' (known: limit)",
    );
  });
});

Deno.test("StreamReader: however the bytes are chunked, readuntil and readexactly see the same stream", async () => {
  // A seeded generator, so that a failure can be replayed.
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const words = Array.from({ length: 300 }, (_, i) => "x".repeat(random(40)) + `-${i}`);
  const whole = words.join("::") + "::";
  // Plain run(): debug mode's creation stacks would make these thousands of reads slow.
  await run(
    coroutine(async () => {
      for (let round = 0; round < 20; round++) {
        const reader = new StreamReader(64);
        const feeder = create_task(
          coroutine(async () => {
            let offset = 0;
            while (offset < whole.length) {
              const size = 1 + random(25);
              reader.feed_data(bytes(whole.slice(offset, offset + size)));
              offset += size;
              if (random(3) === 0) await sleep(0);
            }
            reader.feed_eof();
          })(),
        );
        const got: string[] = [];
        for (let i = 0; i < words.length; i++) {
          if (i % 7 === 3) {
            const expected = bytes(`${words[i]}::`).length;
            got.push(text(await reader.readexactly(expected)).slice(0, -2));
          } else {
            got.push(text(await reader.readuntil(bytes("::"))).slice(0, -2));
          }
        }
        assertEquals(got, words);
        assertStrictEquals((await reader.read()).length, 0);
        await feeder;
      }
    })(),
    { clock: "virtual" },
  );
});
