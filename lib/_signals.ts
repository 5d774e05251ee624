/**
 * Signals for `add_signal_handler`: their numbers (POSIX, as on Linux) and
 * the runtime's way to listen to them (`Deno.addSignalListener`, or
 * Node's `process.on`).
 *
 * @module
 */

import { RuntimeError, ValueError } from "./exceptions.ts";
import { repr } from "./_repr.ts";

/** Signal numbers by name, as on Linux, for signals given by number and for exit codes. */
export const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};

/**
 * The name of `signal`, given by name (`"SIGINT"`) or number (`2`).
 *
 * @throws {TypeError} When it is neither a string nor an integer.
 * @throws {ValueError} When it is not a known signal.
 */
export function signal_name(signal: unknown): string {
  if (typeof signal === "string") {
    if (!Object.hasOwn(SIGNAL_NUMBERS, signal)) throw new ValueError(`invalid signal ${signal}`);
    return signal;
  }
  if (typeof signal !== "number" || !Number.isInteger(signal)) {
    throw new TypeError(`sig must be a signal name or an integer, got ${repr(signal)}`);
  }
  const name = Object.keys(SIGNAL_NUMBERS).find((key) => SIGNAL_NUMBERS[key] === signal);
  if (name === undefined) throw new ValueError(`invalid signal number ${signal}`);
  return name;
}

/** The runtime's signal listeners. */
interface SignalHost {
  add(signal: string, listener: () => void): void;
  remove(signal: string, listener: () => void): void;
}

function find_host(): SignalHost | null {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  if (typeof g.Deno?.addSignalListener === "function") {
    return {
      add: (signal, listener) => g.Deno.addSignalListener(signal, listener),
      remove: (signal, listener) => g.Deno.removeSignalListener(signal, listener),
    };
  }
  if (typeof g.process?.on === "function") {
    return {
      add: (signal, listener) => g.process.on(signal, listener),
      remove: (signal, listener) => g.process.off(signal, listener),
    };
  }
  return null;
}

const host = find_host();

/**
 * Calls `listener` on each `signal` (a name); `given` is how the caller
 * named it (a name or a number), for the error message.
 *
 * @throws {RuntimeError} When the signal cannot be caught (`SIGKILL`,
 * `SIGSTOP`) or the runtime has no signals.
 */
export function listen_to_signal(
  signal: string,
  listener: () => void,
  given: string | number = signal,
): void {
  if (host === null) throw new RuntimeError("this runtime has no signal handling");
  try {
    host.add(signal, listener);
  } catch (error) {
    throw new RuntimeError(`sig ${given} cannot be caught`, { cause: error });
  }
}

/** Stops calling `listener` on `signal`. */
export function stop_listening_to_signal(signal: string, listener: () => void): void {
  host?.remove(signal, listener);
}
