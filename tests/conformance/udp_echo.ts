// UDP through create_datagram_endpoint: an echo server, a client with remote_addr, connection_made and connection_lost in order, sendto checks, get_extra_info.
import {
  coroutine,
  DatagramProtocol,
  type DatagramTransport,
  type Future,
  get_running_loop,
  Queue,
  run,
  type SocketAddress,
  ValueError,
} from "../../mod.ts";
import "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const log: string[] = [];
let remote: [string, number];
let server_done: Future<void>;
const same = (a: SocketAddress, b: [string, number]) =>
  Array.isArray(a) && a[0] === b[0] && a[1] === b[1];

class Echo extends DatagramProtocol {
  transport!: DatagramTransport;
  override connection_made(transport: DatagramTransport): void {
    this.transport = transport;
    log.push("server: connection_made");
  }
  override datagram_received(data: Uint8Array, addr: SocketAddress): void {
    log.push(
      `server: datagram_received ${pybytes(data)} from ${
        Array.isArray(addr) ? "tuple" : typeof addr
      } of ${addr.length}`,
    );
    this.transport.sendto(
      new TextEncoder().encode(new TextDecoder().decode(data).toUpperCase()),
      addr,
    );
  }
  override connection_lost(error: Error | null): void {
    log.push(`server: connection_lost ${error ?? "None"}`);
    server_done.set_result();
  }
}

class Client extends DatagramProtocol {
  constructor(readonly replies: Queue<string>, readonly done: Future<void>) {
    super();
  }
  override connection_made(transport: DatagramTransport): void {
    const peer = transport.get_extra_info("peername") as [string, number];
    log.push(`client: connection_made peername is remote: ${pybool(same(peer, remote))}`);
  }
  override datagram_received(data: Uint8Array, addr: SocketAddress): void {
    this.replies.put_nowait(`(${pybytes(data)}, ${pybool(same(addr, remote))})`);
  }
  override error_received(error: Error): void {
    log.push(`client: error_received ${error.name}`);
  }
  override connection_lost(error: Error | null): void {
    log.push(`client: connection_lost ${error ?? "None"}`);
    this.done.set_result();
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  server_done = loop.create_future();
  const [server] = await loop.create_datagram_endpoint(() => new Echo(), {
    local_addr: ["127.0.0.1", 0],
  });
  remote = server.get_extra_info("sockname") as [string, number];
  console.log("server sockname:", Array.isArray(remote) ? "tuple" : typeof remote, remote[0]);
  const replies = new Queue<string>();
  const done = loop.create_future<void>();
  const [client] = await loop.create_datagram_endpoint(() => new Client(replies, done), {
    remote_addr: remote,
  });
  for (const word of ["one", "two", "three"]) {
    client.sendto(new TextEncoder().encode(word));
    console.log("reply:", await replies.get());
  }
  client.sendto(new TextEncoder().encode("four"), remote);
  console.log("reply:", await replies.get());
  client.sendto(new Uint8Array(0));
  try {
    client.sendto(new TextEncoder().encode("x"), ["127.0.0.1", 9]);
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    console.log("ValueError:", error.message.split(":")[0]);
  }
  try {
    client.sendto("text" as unknown as Uint8Array);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    console.log("TypeError for str");
  }
  console.log(
    "buffer:",
    client.get_write_buffer_size(),
    "closing:",
    pybool(client.is_closing()),
  );
  client.close();
  console.log("closing:", pybool(client.is_closing()));
  await done;
  client.sendto(new TextEncoder().encode("dropped"));
  server.close();
  await server_done;
  for (const line of log) console.log(line);
  try {
    await loop.create_datagram_endpoint(() => new DatagramProtocol());
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    console.log("no address:", error.message);
  }
});

await run(main());
