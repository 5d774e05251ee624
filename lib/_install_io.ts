/**
 * Gives the loop its I/O methods (`loop.create_connection()`, ...): the
 * I/O entry point imports this module for that alone.
 *
 * @module
 */

import { _install_loop_io, type LoopIo } from "./loop_io.ts";
import {
  connect_accepted_socket,
  create_connection,
  create_server,
  create_unix_connection,
  create_unix_server,
} from "./socket_events.ts";
import { create_datagram_endpoint } from "./datagrams.ts";
import { start_tls } from "./tls_upgrade.ts";
import { subprocess_exec, subprocess_shell } from "./base_subprocess.ts";

_install_loop_io(
  {
    create_connection,
    create_server,
    create_unix_connection,
    create_unix_server,
    connect_accepted_socket,
    create_datagram_endpoint,
    start_tls,
    subprocess_exec,
    subprocess_shell,
  } as LoopIo,
);
