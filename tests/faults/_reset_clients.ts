/**
 * Resets connections from another process: `deno run --allow-net
 * _reset_clients.ts PORT COUNT` connects COUNT times at once to
 * 127.0.0.1:PORT and resets each connection at once; it gives up after
 * ten seconds (a server that stopped accepting fills its backlog).
 *
 * @module
 */

import { connect_and_reset } from "../_reset.ts";

const [port, count] = Deno.args.map(Number);
const signal = AbortSignal.timeout(10_000);
await Promise.all(Array.from({ length: count }, () => connect_and_reset(port, signal)));
