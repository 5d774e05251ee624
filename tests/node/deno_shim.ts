/**
 * `Deno.test` for the core test files bundled to run under Node (esbuild
 * injects this module's `Deno` for the global one in the test code only;
 * the library, the built package, stays external and sees Node as it is).
 * Tests and their steps run in order; the bundle's last statement
 * (`globalThis.__run_deno_tests()`) runs them and prints one line a test,
 * `ok NAME` or `FAILED NAME: ERROR`, then `summary: P passed, F failed, I ignored`.
 *
 * @module
 */

/** The part of `Deno.TestContext` the tests use. */
interface TestContext {
  name: string;
  step(name_or_def: string | StepDefinition, fn?: StepFn): Promise<boolean>;
}
type StepFn = (t: TestContext) => unknown;
interface StepDefinition {
  name: string;
  fn: StepFn;
  ignore?: boolean;
}
interface TestDefinition extends StepDefinition {
  only?: boolean;
}

const tests: TestDefinition[] = [];

/** How long one test may take under Node before it counts as failed. */
const TEST_TIMEOUT_MS = 60_000;

function definition(
  a: string | TestDefinition | StepFn,
  b?: StepFn | Partial<TestDefinition>,
  c?: StepFn,
): TestDefinition {
  if (typeof a === "function") return { name: a.name, fn: a };
  if (typeof a === "object") return a;
  if (typeof b === "function") return { name: a, fn: b };
  return { ...b, name: a, fn: c as StepFn };
}

function context(name: string, failures: string[]): TestContext {
  return {
    name,
    async step(name_or_def, fn) {
      const def = typeof name_or_def === "string"
        ? { name: name_or_def, fn: fn as StepFn }
        : name_or_def;
      if (def.ignore) return true;
      const full = `${name} ... ${def.name}`;
      try {
        await def.fn(context(full, failures));
        return true;
      } catch (error) {
        failures.push(`${full}: ${describe(error)}`);
        return false;
      }
    },
  };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n").slice(0, 6).join("\n    ");
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

async function run_all(): Promise<void> {
  const only = tests.some((t) => t.only);
  let passed = 0, failed = 0, ignored = 0;
  for (const test of tests) {
    if (test.ignore || (only && !test.only)) {
      ignored++;
      continue;
    }
    const failures: string[] = [];
    try {
      await within(
        Promise.resolve().then(() => test.fn(context(test.name, failures))),
        TEST_TIMEOUT_MS,
      );
    } catch (error) {
      failures.push(describe(error));
    }
    if (failures.length === 0) {
      passed++;
      console.log(`ok ${test.name}`);
    } else {
      failed++;
      console.log(`FAILED ${test.name}: ${failures.join("; ")}`);
    }
  }
  console.log(`summary: ${passed} passed, ${failed} failed, ${ignored} ignored`);
  // deno-lint-ignore no-explicit-any
  (globalThis as any).process.exit(failed === 0 ? 0 : 1);
}

export const Deno = {
  test(
    a: string | TestDefinition | StepFn,
    b?: StepFn | Partial<TestDefinition>,
    c?: StepFn,
  ): void {
    tests.push(definition(a, b, c));
  },
};

// deno-lint-ignore no-explicit-any
(globalThis as any).__run_deno_tests = run_all;
