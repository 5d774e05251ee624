// UDP error_received: a datagram too large for UDP (EMSGSIZE) and a send to port 0 (EINVAL) each reach error_received as an OSError, and the endpoint goes on sending and receiving.
import {
  coroutine,
  DatagramProtocol,
  type Future,
  get_running_loop,
  type OSError,
  run,
  sleep,
} from "../../mod.ts";
import "../../io.ts";
import { pybool, pybytes } from "./_pyrepr.ts";

const log: string[] = [];
const bytes = (text: string) => new TextEncoder().encode(text);

class Endpoint extends DatagramProtocol {
  constructor(readonly received: Future<void>) {
    super();
  }
  override datagram_received(data: Uint8Array): void {
    log.push(`datagram_received ${pybytes(data)}`);
    this.received.set_result();
  }
  override error_received(error: Error): void {
    const os = error as OSError;
    log.push(`error_received ${os.name} errno=${os.errno} strerror=${os.strerror}`);
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const received = loop.create_future<void>();
  const [transport] = await loop.create_datagram_endpoint(() => new Endpoint(received), {
    local_addr: ["127.0.0.1", 0],
  });
  const me = transport.get_extra_info("sockname") as [string, number];
  transport.sendto(new Uint8Array(70000), me);
  transport.sendto(bytes("to port 0"), ["127.0.0.1", 0]);
  await sleep(0.1);
  console.log("closing after errors:", pybool(transport.is_closing()));
  transport.sendto(bytes("still open"), me);
  await received;
  for (const line of log) console.log(line);
  transport.close();
});

await run(main());
