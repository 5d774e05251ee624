/**
 * asyncio for TypeScript: an explicit event loop with its own scheduler,
 * Futures, Tasks with real cancellation, and a virtual clock, with
 * coroutines written as async functions, generators, or plain Promises.
 *
 * @example Hello, world
 * ```ts
 * import { coroutine, run, sleep } from "@aiots/asyncio";
 *
 * const main = coroutine(async () => {
 *   console.log("Hello");
 *   await sleep(1);
 *   console.log("world!");
 * });
 * await run(main(), { clock: "virtual" });
 * ```
 *
 * @module
 */

export * from "./lib/exceptions.ts";
export * from "./lib/log.ts";
export type { Clock, ClockKind } from "./lib/clocks.ts";
export {
  type ExceptionContext,
  type ExceptionHandler,
  get_event_loop,
  get_running_loop,
  Handle,
  new_event_loop,
  set_event_loop,
  TimerHandle,
} from "./lib/events.ts";
export { EventLoop, type EventLoopOptions, type TaskFactory } from "./lib/base_events.ts";
export type { AbstractEventLoop } from "./lib/abstract_loop.ts";
export {
  type DoneCallback,
  Future,
  type FutureOptions,
  isfuture,
  wrap_future,
} from "./lib/futures.ts";
export {
  type Awaitable,
  Coroutine,
  coroutine,
  type CoroutineBody,
  type CoroutineFunction,
  type CoroutineLike,
  iscoroutine,
  iscoroutinefunction,
} from "./lib/coroutines.ts";
export {
  all_tasks,
  create_task,
  current_task,
  ensure_future,
  run_coroutine_threadsafe,
  sleep,
  Task,
  type TaskConstructorOptions,
  type TaskOptions,
} from "./lib/tasks.ts";
export {
  type AwaitedAll,
  type AwaitedAllOrError,
  gather,
  GatheringFuture,
  type GatherOptions,
  type ReturnExceptions,
} from "./lib/gather.ts";
export {
  add_task_dump_handler,
  type CallFrame,
  type CallGraphOptions,
  capture_call_graph,
  format_call_graph,
  format_task_tree,
  FrameCallGraphEntry,
  future_add_to_awaited_by,
  future_discard_from_awaited_by,
  FutureCallGraph,
  print_call_graph,
  type PrintCallGraphOptions,
} from "./lib/graph.ts";
export {
  create_eager_task_factory,
  eager_task_factory,
  type TaskConstructor,
} from "./lib/eager_tasks.ts";
export { run, Runner, type RunnerRunOptions } from "./lib/runners.ts";
export {
  type CallbackOptions,
  Context,
  ContextVar,
  type ContextVarOptions,
  copy_context,
  Token,
} from "./lib/contextvars.ts";
export {
  BaseProtocol,
  BufferedProtocol,
  DatagramProtocol,
  Protocol,
  SubprocessProtocol,
} from "./lib/protocols.ts";
export type {
  BaseTransport,
  DatagramTransport,
  PipeReadTransport,
  ReadTransport,
  SocketAddress,
  SubprocessTransport,
  Transport,
  WriteTransport,
} from "./lib/transports.ts";
export type {
  AbstractServer,
  ClientTlsOptions,
  CreateConnectionOptions,
  CreateServerOptions,
  CreateUnixServerOptions,
  DatagramEndpointOptions,
  ServerSocket,
  ServerTlsOptions,
  StartTlsOptions,
  SubprocessTransportOptions,
  TlsContext,
} from "./lib/loop_io.ts";
export {
  type Executor,
  type ExecutorFunction,
  type ExecutorJob,
  WorkerPoolExecutor,
} from "./lib/executors.ts";
export { to_thread } from "./lib/threads.ts";
export {
  async_with,
  type AsyncContextManager,
  type AsyncWithBody,
  type AsyncWithResult,
  type EnteredValue,
} from "./lib/async_with.ts";
export {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type ReturnWhen,
  wait,
  wait_for,
  type WaitOptions,
} from "./lib/wait.ts";
export { Timeout, timeout, timeout_at } from "./lib/timeouts.ts";
export { shield } from "./lib/shield.ts";
export {
  as_completed,
  AsCompletedIterator,
  type AsCompletedOptions,
  type CompletedFuture,
} from "./lib/as_completed.ts";
export {
  BaseExceptionGroup,
  type ErrorClass,
  ExceptionGroup,
  type ExceptionGroupCondition,
} from "./lib/exception_group.ts";
export { TaskGroup } from "./lib/taskgroups.ts";
export { LifoQueue, PriorityQueue, type PriorityQueueOptions, Queue } from "./lib/queues.ts";
export {
  AcquireContextManager,
  type Acquired,
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  Semaphore,
} from "./lib/locks.ts";
