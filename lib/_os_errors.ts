/**
 * The host's OS errors under Python's names: the one place where an error
 * from Deno (a `Deno.errors` class, or a plain `Error`, with the system's
 * name for it in `code`) becomes the `OSError` subclass CPython raises for
 * the same `errno`. The I/O entry point passes every error of a host call
 * through `os_error()`.
 *
 * @module
 */

import {
  BlockingIOError,
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  IsADirectoryError,
  NotADirectoryError,
  OSError,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
} from "./exceptions.ts";

/** CPython's class for each errno name (PEP 3151); any other errno is a plain `OSError`. */
const CLASS_OF_ERRNO: Readonly<Record<string, typeof OSError>> = {
  EAGAIN: BlockingIOError,
  EWOULDBLOCK: BlockingIOError,
  EALREADY: BlockingIOError,
  EINPROGRESS: BlockingIOError,
  EPIPE: BrokenPipeError,
  ESHUTDOWN: BrokenPipeError,
  ECONNABORTED: ConnectionAbortedError,
  ECONNREFUSED: ConnectionRefusedError,
  ECONNRESET: ConnectionResetError,
  EEXIST: FileExistsError,
  ENOENT: FileNotFoundError,
  EINTR: InterruptedError,
  EISDIR: IsADirectoryError,
  ENOTDIR: NotADirectoryError,
  EACCES: PermissionError,
  EPERM: PermissionError,
  ESRCH: ProcessLookupError,
  ETIMEDOUT: TimeoutError,
};

/** An errno name, as in `code`: `ECONNRESET` (not Node's `ERR_...` codes). */
const ERRNO_NAME = /^E[A-Z0-9]+$/;

/**
 * The system's text and number at the end of Deno's message: "Connection
 * reset by peer (os error 104)", "Failed to spawn 'x': No such file or
 * directory (os error 2)", "... (os error 2): readfile 'x'".
 */
const SYSTEM_TEXT = /(?:^|: )([^:]+) \(os error (\d+)\)/;

/**
 * The system's name for `error` (`"ECONNRESET"`, `"EMFILE"`), from its
 * `code`; `null` when it is no OS error.
 */
export function errno_name(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && ERRNO_NAME.test(code) ? code : null;
}

/**
 * `error` under Python's name: the `OSError` subclass for its errno, with
 * `errno` and `strerror` from the system and `error` as `cause`. Anything
 * that is no OS error (a `TypeError`, a `CancelledError`, Deno's
 * `BadResource`, an `OSError` already) comes back as it is.
 *
 * @param filename The path the call was about (the program, for a spawn).
 */
export function os_error<E>(error: E, filename: string | null = null): E | OSError {
  if (!(error instanceof Error) || error instanceof OSError) return error;
  const name = errno_name(error);
  if (name === null) return error;
  const Class = Object.hasOwn(CLASS_OF_ERRNO, name) ? CLASS_OF_ERRNO[name] : OSError;
  const system = SYSTEM_TEXT.exec(error.message);
  return system === null
    ? new Class(error.message, { cause: error })
    : new Class(Number(system[2]), system[1], filename, { cause: error });
}
