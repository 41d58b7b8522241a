/**
 * A sliding one-second window counted on arrival, as a front-door limiter would, so a simulator can answer
 * HTTP 429 the way GLAIR's gateway does and a test can read how many requests it turned away.
 */

export interface RateStats {
  maxRequestsPerSecond: number | undefined;
  admitted: number;
  limited: number;
  /** Arrival times (ms since the epoch, from the simulator's clock) of the first and last admitted request. */
  firstAdmittedAt: number;
  lastAdmittedAt: number;
}

export interface RateLimiter {
  /** True when the request may go ahead (and counts it); false when it should be throttled. */
  tryTake(): boolean;
  stats(): RateStats;
}

/** With no maximum every request is admitted (and still counted). */
export function createRateLimiter(maxRequestsPerSecond: number | undefined, now: () => Date): RateLimiter {
  const window: number[] = [];
  const stats: RateStats = { maxRequestsPerSecond, admitted: 0, limited: 0, firstAdmittedAt: 0, lastAdmittedAt: 0 };
  return {
    tryTake() {
      const at = now().getTime();
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
  };
}
