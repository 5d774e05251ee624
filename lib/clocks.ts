/**
 * The loop's clocks: the real monotonic clock and the virtual clock.
 *
 * @module
 */

/** The clock a loop reads its time from; times are in seconds. */
export interface Clock {
  /** `"real"` or `"virtual"`. */
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

/** The clocks a loop can run on. */
export type ClockKind = "real" | "virtual";

/** How far an estimate of the time from `Date.now()` may be off. */
const DATE_SLACK_SECONDS = 0.002;

function perf_now(): number {
  return globalThis.performance.now();
}

/**
 * Monotonic seconds from `performance.now()`, that also follow `Date` when a
 * fake-timer library moves it forward (FakeTime patches `Date` and the timer
 * functions, not `performance`). Jitter of `Date`'s whole milliseconds is
 * ignored; a jump ahead of `performance` is added; a jump back is not.
 */
export class RealClock implements Clock {
  /** Always `"real"`. */
  readonly kind: ClockKind = "real";
  #perf_base: number;
  #date_base: number;
  #offset_ms = 0;
  #floor = 0;

  constructor() {
    this.#perf_base = perf_now();
    this.#date_base = Date.now();
  }

  /** The current time in seconds. */
  now(): number {
    return this.#seconds(perf_now());
  }

  /**
   * Follows `Date` when it jumped ahead of `performance` (a fake clock was
   * ticked), and gives the time. Checked by the loop rather than at every
   * read: `performance.now()` alone costs about 90 ns in Deno.
   */
  sync(): number {
    const perf = perf_now();
    const date = Date.now();
    const drift = date - (this.#date_base + (perf - this.#perf_base));
    if (drift > 1 || drift < -1) {
      if (drift > 1) this.#offset_ms += drift;
      this.#date_base = date;
      this.#perf_base = perf;
    }
    return this.#seconds(perf);
  }

  /**
   * Estimates the time from `Date.now()`, which costs half a
   * `performance.now()` read, on the same base as `sync()`: whole
   * milliseconds and their jitter put it within 2 ms. A `Date` moved back
   * makes it late until the next `sync()`, which the loop makes every few
   * iterations.
   */
  may_have_reached(when: number): boolean {
    const perf = Date.now() - this.#date_base + this.#perf_base;
    return this.#seconds(perf) + DATE_SLACK_SECONDS >= when;
  }

  #seconds(perf: number): number {
    const seconds = (perf + this.#offset_ms) / 1000;
    return seconds > this.#floor ? seconds : this.#floor;
  }

  /** Clamps the clock forward: a fired wake-up timer proves `when` passed. */
  advance_to(when: number): void {
    if (when > this.#floor) this.#floor = when;
  }
}

/**
 * Deterministic time that starts at 0 and only moves when the loop, having
 * nothing ready, jumps to its next timer.
 */
export class VirtualClock implements Clock {
  /** Always `"virtual"`. */
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
