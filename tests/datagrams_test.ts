/**
 * UDP (`loop.create_datagram_endpoint`): a peer written with Python's
 * `socket` module alone (`tests/peers/udp_peer.py`), bad input, and the
 * error without Deno's `--unstable-net`.
 */

import {
  coroutine,
  DatagramProtocol,
  type DatagramTransport,
  get_running_loop,
  OSError,
  Queue,
  run,
  type SocketAddress,
  ValueError,
} from "../mod.ts";
import "../io.ts";
import { assertEquals, assertStrictEquals, assertThrows } from "./_assert.ts";
import { find_python } from "./_python.ts";

const python = await find_python();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Collect extends DatagramProtocol {
  readonly received = new Queue<[string, SocketAddress]>();
  override datagram_received(data: Uint8Array, addr: SocketAddress): void {
    this.received.put_nowait([decoder.decode(data), addr]);
  }
}

Deno.test({
  name: `UDP with a peer using Python's socket module${
    python === null ? " (skipped: no CPython 3.12+ found)" : ""
  }`,
  ignore: python === null,
  async fn() {
    const child = new Deno.Command(python!, {
      args: [new URL("./peers/udp_peer.py", import.meta.url).pathname],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let first = "";
    while (!first.includes("\n")) first += (await reader.read()).value ?? "";
    const port = Number(first.trim());
    await run(
      coroutine(async () => {
        const loop = get_running_loop();
        const [transport, protocol] = await loop.create_datagram_endpoint(() => new Collect(), {
          remote_addr: ["127.0.0.1", port],
        });
        for (const word of ["hello", "asyncio", "bye"]) {
          transport.sendto(encoder.encode(word));
          const [reply, from] = await protocol.received.get();
          assertStrictEquals(reply, [...word].reverse().join(""));
          assertEquals(from, ["127.0.0.1", port]);
        }
        transport.close();
      })(),
    );
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += value;
    }
    assertStrictEquals(rest.trim(), "udp peer done");
    assertStrictEquals((await child.status).success, true);
    await child.stderr.cancel();
  },
});

Deno.test("UDP: sendto checks its data and address, as asyncio's", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const [transport] = await loop.create_datagram_endpoint(() => new DatagramProtocol(), {
        local_addr: ["127.0.0.1", 0],
      });
      assertThrows(
        () => transport.sendto("x" as unknown as Uint8Array, ["127.0.0.1", 9]),
        TypeError,
      );
      assertThrows(() => transport.sendto(encoder.encode("x")), /addr must be \[host, port\]/);
      transport.sendto(new Uint8Array(0)); // nothing to send, as asyncio's
      transport.close();
      const [connected] = await loop.create_datagram_endpoint(() => new DatagramProtocol(), {
        remote_addr: ["127.0.0.1", 9],
      });
      assertThrows(() => connected.sendto(encoder.encode("x"), ["127.0.0.1", 10]), ValueError);
      connected.close();
      assertThrows(() => loop.create_datagram_endpoint(() => new DatagramProtocol()), ValueError);
    })(),
  );
});

Deno.test("UDP: a closed endpoint drops what is sent; connection_lost(None) once", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      const lost = loop.create_future<Error | null>();
      class Lost extends DatagramProtocol {
        override connection_lost(error: Error | null): void {
          lost.set_result(error);
        }
      }
      const [transport] = await loop.create_datagram_endpoint(() => new Lost(), {
        local_addr: ["127.0.0.1", 0],
      });
      transport.close();
      transport.close();
      assertStrictEquals(await lost, null);
      transport.sendto(encoder.encode("dropped"), ["127.0.0.1", 9]);
      assertStrictEquals(transport.get_write_buffer_size(), 0);
      assertStrictEquals((transport as DatagramTransport).is_closing(), true);
    })(),
  );
});

Deno.test("UDP without --unstable-net: create_datagram_endpoint says which flag it needs", async () => {
  const script = `
    import { coroutine, DatagramProtocol, get_running_loop, run } from ${
    JSON.stringify(new URL("../mod.ts", import.meta.url).href)
  };
    import ${JSON.stringify(new URL("../io.ts", import.meta.url).href)};
    await run(coroutine(async () => {
      try {
        await get_running_loop().create_datagram_endpoint(() => new DatagramProtocol(), { local_addr: ["127.0.0.1", 0] });
      } catch (e) { console.log(e.name + ": " + e.message); }
    })());
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertStrictEquals(
    decoder.decode(out.stdout).trim(),
    "RuntimeError: create_datagram_endpoint() needs Deno's datagram sockets, which are unstable: " +
      'run Deno with --unstable-net (or put "unstable": ["net"] in deno.json)',
  );
});

Deno.test("UDP: a send the system refuses goes to error_received as an OSError; the endpoint stays open", async () => {
  await run(
    coroutine(async () => {
      const loop = get_running_loop();
      class Errors extends Collect {
        readonly errors = new Queue<Error>();
        override error_received(error: Error): void {
          this.errors.put_nowait(error);
        }
      }
      const [transport, protocol] = await loop.create_datagram_endpoint(() => new Errors(), {
        local_addr: ["127.0.0.1", 0],
      });
      const me = transport.get_extra_info("sockname") as [string, number];
      transport.sendto(new Uint8Array(70_000), me); // over UDP's 65,507 bytes: EMSGSIZE
      const error = await protocol.errors.get();
      assertStrictEquals(error instanceof OSError && /too long/i.test(error.strerror ?? ""), true);
      assertStrictEquals(transport.is_closing(), false);
      transport.sendto(encoder.encode("after"), me);
      assertEquals(await protocol.received.get(), ["after", me]);
      transport.close();
    })(),
  );
});
