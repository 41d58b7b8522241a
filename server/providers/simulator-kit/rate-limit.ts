/**
 * A sliding one-second window counted on arrival, as a front-door limiter would, so a simulator can refuse
 * requests over a vendor's rate the way its gateway does and a test can read how many it turned away.
 */

export interface RateStats {
  maxRequestsPerSecond: number | undefined;
  admitted: number;
  limited: number;
  /** Arrival times (ms on the limiter's clock) of the first and last admitted request. */
  firstAdmittedAt: number;
  lastAdmittedAt: number;
}

export interface RateLimiter {
  /** True when the request may go ahead (and counts it); false when it should be throttled. */
  tryTake(): boolean;
  stats(): RateStats;
  /** Zeroes the counters; the window itself keeps the requests of the last second. */
  resetStats(): void;
}

/** With no maximum every request is admitted (and still counted). `nowMs` is any millisecond clock. */
export function createRateLimiter(maxRequestsPerSecond: number | undefined, nowMs: () => number): RateLimiter {
  const window: number[] = [];
  const zeroStats = (): RateStats => ({ maxRequestsPerSecond, admitted: 0, limited: 0, firstAdmittedAt: 0, lastAdmittedAt: 0 });
  let stats = zeroStats();
  return {
    tryTake() {
      const at = nowMs();
      while (window.length > 0 && at - (window[0] ?? 0) >= 1000) window.shift();
      if (maxRequestsPerSecond !== undefined && window.length >= maxRequestsPerSecond) {
        stats.limited += 1;
        return false;
      }
      window.push(at);
      stats.admitted += 1;
      if (stats.admitted === 1) stats.firstAdmittedAt = at;
      stats.lastAdmittedAt = at;
      return true;
    },
    stats: () => ({ ...stats }),
    resetStats() {
      stats = zeroStats();
    },
  };
}

/**
 * Lets requests that arrived meanwhile be counted before the next step of a long answer. A vendor's front door
 * stamps arrivals whatever its back end is doing; ours shares one event loop with the answering, so a simulator
 * yields between the costly steps of an answer (hashing, parsing, decoding a 1 MB body) instead of stamping the
 * next arrival late by all of them.
 */
export const yieldToArrivals = (): Promise<void> =>
  // Twice: an immediate queued from the poll phase runs before the next poll; one queued from the check phase
  // waits for the next iteration, so the loop polls for I/O (new arrivals) in between.
  new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
