/**
 * The loop's clocks: the real monotonic clock, the virtual clock, and the
 * manual clock of tests.
 *
 * @module
 */

/** The clock a loop reads its time from; times are in seconds. */
export interface Clock {
  /** `"real"`, `"virtual"` or `"manual"`. */
  readonly kind: ClockKind;
  /** The current time in seconds. */
  now(): number;
  /** Moves the clock forward to `when` if it is behind; never backward. */
  advance_to(when: number): void;
  /**
   * Catches up with outside time changes and gives the current time; the
   * loop calls it when a timer may be due, and every few iterations.
   */
  sync(): number;
  /**
   * `false` when the clock has certainly not reached `when` yet: a check
   * cheaper than `sync()`, made before it.
   */
  may_have_reached(when: number): boolean;
}

/**
 * The clocks a loop can run on: `"real"` (monotonic seconds), `"virtual"`
 * (starts at 0 and jumps to the next timer whenever nothing is ready) and
 * `"manual"` (starts at 0 and moves only when a test advances it).
 */
export type ClockKind = "real" | "virtual" | "manual";

/** How far an estimate of the time from `Date.now()` may be off. */
const DATE_SLACK_SECONDS = 0.002;

function perf_now(): number {
  return globalThis.performance.now();
}

/** Whether `fn` is the runtime's own: a fake-timer library's is JavaScript. */
function is_native(fn: () => number): boolean {
  return Function.prototype.toString.call(fn).endsWith("{ [native code] }");
}

/**
 * Monotonic seconds from `performance.now()`; while a fake-timer library
 * has replaced `Date.now` (FakeTime and `@sinonjs/fake-timers` do, and
 * neither patches `performance`), from the fake `Date` alone, so that the
 * loop's time moves by exactly what the test ticks. A fake `Date` set back
 * holds the time where it was until the next `sync()`, which goes on from
 * there.
 */
export class RealClock implements Clock {
  /** Always `"real"`. */
  readonly kind: ClockKind = "real";
  /** The `Date.now` last seen, and whether it is a fake. */
  #date_now: () => number = Date.now;
  #faked = !is_native(this.#date_now);
  /** The time is `#base_seconds` plus the source's milliseconds since `#base_ms`. */
  #base_ms: number;
  #base_seconds: number;
  /** `performance.now()` minus `Date.now()`, for the cheap estimate on the real `Date`. */
  #perf_minus_date: number;
  /** The time a fired wake-up timer proved (`advance_to`). */
  #floor = 0;
  /** The latest time read from a fake `Date`, which may go back. */
  #latest = 0;

  constructor() {
    this.#base_ms = this.#source_ms();
    this.#base_seconds = this.#latest = perf_now() / 1000;
    this.#perf_minus_date = perf_now() - Date.now();
  }

  /** The current time in seconds. */
  now(): number {
    if (Date.now !== this.#date_now) this.#follow_new_date();
    if (!this.#faked) return this.#seconds(perf_now());
    const seconds = this.#seconds(Date.now());
    if (seconds > this.#latest) this.#latest = seconds;
    return this.#latest;
  }

  /**
   * Gives the time, after moving on from a fake `Date` set back, and
   * re-reading how the real `Date` stands to `performance` (for
   * `may_have_reached`). Checked by the loop rather than at every read:
   * `performance.now()` alone costs about 90 ns in Deno.
   */
  sync(): number {
    if (Date.now !== this.#date_now) this.#follow_new_date();
    if (this.#faked) {
      const date = Date.now();
      if (this.#seconds(date) < this.#latest - DATE_SLACK_SECONDS) {
        this.#base_ms = date;
        this.#base_seconds = this.#latest;
      }
      return this.now();
    }
    const perf = perf_now();
    const perf_minus_date = perf - Date.now();
    const drift = perf_minus_date - this.#perf_minus_date;
    if (drift > 1 || drift < -1) this.#perf_minus_date = perf_minus_date;
    return this.#seconds(perf);
  }

  /**
   * Estimates the time from `Date.now()`, which costs half a
   * `performance.now()` read: whole milliseconds and their jitter put it
   * within 2 ms. A `Date` moved back makes it late until the next
   * `sync()`, which the loop makes every few iterations.
   */
  may_have_reached(when: number): boolean {
    const estimate = this.#faked ? Date.now() : Date.now() + this.#perf_minus_date;
    return this.#seconds(estimate) + DATE_SLACK_SECONDS >= when;
  }

  /** Clamps the clock forward: a fired wake-up timer proves `when` passed. */
  advance_to(when: number): void {
    if (when > this.#floor) this.#floor = when;
  }

  /** Seconds at the source's `ms`, never before what a wake-up timer proved. */
  #seconds(ms: number): number {
    const seconds = this.#base_seconds + (ms - this.#base_ms) / 1000;
    return seconds > this.#floor ? seconds : this.#floor;
  }

  /** The source's milliseconds: the fake `Date`'s, else `performance`'s. */
  #source_ms(): number {
    return this.#faked ? Date.now() : perf_now();
  }

  /**
   * A fake was installed or removed: the time goes on from where it was,
   * read from the new source.
   */
  #follow_new_date(): void {
    const seconds = this.#faked ? this.#latest : this.#seconds(perf_now());
    this.#date_now = Date.now;
    this.#faked = !is_native(this.#date_now);
    this.#base_ms = this.#source_ms();
    this.#base_seconds = this.#latest = seconds;
    this.#perf_minus_date = perf_now() - Date.now();
  }
}

/**
 * Deterministic time that starts at 0 and only moves when the loop, having
 * nothing ready, jumps to its next timer.
 */
export class VirtualClock implements Clock {
  /** `"virtual"` (`"manual"` for a `ManualClock`). */
  readonly kind: ClockKind = "virtual";
  #now = 0;

  /** The current virtual time in seconds. */
  now(): number {
    return this.#now;
  }

  /** Jumps forward to `when`. */
  advance_to(when: number): void {
    if (when > this.#now) this.#now = when;
  }

  /** Nothing outside moves virtual time: gives the time. */
  sync(): number {
    return this.#now;
  }

  /** Whether the virtual time is `when` or later. */
  may_have_reached(when: number): boolean {
    return this.#now >= when;
  }
}

/**
 * Virtual time that the loop never jumps by itself: it moves when a test
 * says so (`advance()` in `@aiots/asyncio/testing`).
 */
export class ManualClock extends VirtualClock {
  /** Always `"manual"`. */
  override readonly kind: ClockKind = "manual";
}
