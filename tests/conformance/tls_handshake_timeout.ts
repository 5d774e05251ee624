// ssl_handshake_timeout: a peer that never answers the TLS handshake aborts create_connection and start_tls with ConnectionAbortedError, and a TLS server does not serve a client that never starts one; the timeouts' argument checks.
import {
  ConnectionAbortedError,
  coroutine,
  get_running_loop,
  Protocol,
  run,
  sleep,
  ValueError,
} from "../../mod.ts";
import "../../io.ts";
import { pybool } from "./_pyrepr.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, FIXTURES));
const server_ctx = { cert: read("tls_localhost_cert.pem"), key: read("tls_localhost_key.pem") };
const client_ctx = { ca_certs: [read("tls_ca.pem")] };

let made = 0;

class Silent extends Protocol {
  override connection_made(): void {
    made++;
  }
}

const main = coroutine(async () => {
  const loop = get_running_loop();
  const plain = await loop.create_server(() => new Silent(), "127.0.0.1", 0);
  const [, port] = plain.sockets[0].getsockname() as [string, number];

  try {
    await loop.create_connection(() => new Protocol(), "127.0.0.1", port, {
      ssl: client_ctx,
      server_hostname: "localhost",
      ssl_handshake_timeout: 0.2,
    });
  } catch (e) {
    if (!(e instanceof ConnectionAbortedError)) throw e;
    console.log("create_connection:", e.name, e.message);
  }

  let [transport, protocol] = await loop.create_connection(() => new Protocol(), "127.0.0.1", port);
  try {
    await loop.start_tls(transport, protocol, client_ctx, {
      server_hostname: "localhost",
      ssl_handshake_timeout: 0.2,
    });
  } catch (e) {
    if (!(e instanceof ConnectionAbortedError)) throw e;
    console.log("start_tls:", e.name, e.message);
  }
  console.log("old transport closing:", pybool(transport.is_closing()));

  const tls = await loop.create_server(() => new Silent(), "127.0.0.1", 0, {
    ssl: server_ctx,
    ssl_handshake_timeout: 0.2,
  });
  made = 0;
  const [, tls_port] = tls.sockets[0].getsockname() as [string, number];
  [transport] = await loop.create_connection(() => new Protocol(), "127.0.0.1", tls_port);
  await sleep(0.5);
  console.log("a client that never starts TLS is not served:", made);
  transport.close();

  const calls = [
    () =>
      loop.create_connection(() => new Protocol(), "127.0.0.1", port, { ssl_handshake_timeout: 1 }),
    () =>
      loop.create_connection(() => new Protocol(), "127.0.0.1", port, { ssl_shutdown_timeout: 1 }),
    () => loop.create_server(() => new Protocol(), "127.0.0.1", 0, { ssl_handshake_timeout: 1 }),
    () => loop.create_server(() => new Protocol(), "127.0.0.1", 0, { ssl_shutdown_timeout: 1 }),
  ];
  for (const call of calls) {
    try {
      await call();
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      console.log("ValueError:", e.message);
    }
  }
  [transport, protocol] = await loop.create_connection(() => new Protocol(), "127.0.0.1", port);
  for (const options of [{ ssl_handshake_timeout: 0 }, { ssl_shutdown_timeout: -1 }]) {
    try {
      await loop.start_tls(transport, protocol, client_ctx, options);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      console.log("ValueError:", e.message);
    }
  }
  transport.close();
  plain.close();
  tls.close();
  await tls.wait_closed();
});

await run(main());
