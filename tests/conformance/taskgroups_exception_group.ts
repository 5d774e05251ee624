// The ExceptionGroup a TaskGroup raises: message, str, exceptions, split/subgroup by type and predicate through nested groups, derive, and BaseExceptionGroup when a base error is inside (test_taskgroup_20a/21a analogues).
import {
  async_with,
  BaseExceptionGroup,
  CancelledError,
  coroutine,
  ExceptionGroup,
  run,
  RuntimeError,
  sleep,
  TaskGroup,
  ValueError,
} from "../../mod.ts";

class LookupError extends Error {
  override name = "LookupError";
}

function describe(e: unknown): string {
  if (e === null) return "None";
  if (e instanceof BaseExceptionGroup) {
    return `${e.name}('${e.message}')[${e.exceptions.map(describe).join(", ")}]`;
  }
  return `${(e as Error).name}(${(e as Error).message})`;
}

const fail = coroutine(function* (delay: number, error: Error) {
  yield* sleep(delay);
  throw error;
});

const inner_group = coroutine(function* () {
  yield* async_with(new TaskGroup(), function* (tg) {
    tg.create_task(fail(0.01, new ValueError("inner value")));
    tg.create_task(fail(0.1, new TypeError("inner type")));
  });
});

const main = coroutine(function* () {
  let group!: ExceptionGroup;
  try {
    yield* async_with(new TaskGroup(), function* (tg) {
      tg.create_task(fail(0.2, new ValueError("outer value")));
      tg.create_task(inner_group());
      try {
        yield* sleep(1);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new RuntimeError("body");
      }
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    group = eg;
  }
  // Python's str(eg) is what follows the name in toString().
  console.log("str:", String(group).slice(group.name.length + 2));
  console.log("message:", group.message);
  console.log("count:", String(group.exceptions.length));
  console.log("all:", describe(group));
  let [match, rest] = group.split(ValueError);
  console.log("split ValueError:", describe(match), "|", describe(rest));
  [match, rest] = group.split([TypeError, RuntimeError]);
  console.log("split (TypeError, RuntimeError):", describe(match), "|", describe(rest));
  console.log(
    "subgroup predicate:",
    describe(
      group.subgroup((e) =>
        String((e as Error).message).includes("inner") && !(e instanceof BaseExceptionGroup)
      ),
    ),
  );
  console.log("subgroup nothing:", describe(group.subgroup(LookupError)));
  console.log("subgroup whole is group:", group.subgroup(() => true) === group ? "True" : "False");
  console.log("derive:", describe(group.derive([new LookupError("k")])));

  const base_body = coroutine(function* () {
    yield* async_with(new TaskGroup(), function* (tg) {
      tg.create_task(fail(0.01, new ValueError("child")));
      try {
        yield* sleep(1);
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw new BaseExceptionGroup("base", [new CancelledError("inside")]);
      }
    });
  });

  try {
    yield* base_body();
  } catch (beg) {
    if (!(beg instanceof BaseExceptionGroup)) throw beg;
    console.log("base:", describe(beg));
    const [cancelled, ordinary] = beg.split(CancelledError);
    console.log("base split:", describe(cancelled), "|", describe(ordinary));
  }
});

await run(main(), { clock: "virtual" });
