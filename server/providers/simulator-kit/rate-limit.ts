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
