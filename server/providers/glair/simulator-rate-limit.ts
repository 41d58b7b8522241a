/** A sliding one-second window, so a simulator can answer HTTP 429 the way GLAIR's gateway does. */

export interface RateLimiter {
  /** True when the request may go ahead (and counts it); false when it should be throttled. */
  tryTake(): boolean;
}

export function createRateLimiter(maxPerSecond: number, now: () => Date): RateLimiter {
  const taken: number[] = [];
  return {
    tryTake() {
      const at = now().getTime();
      while (taken.length > 0 && (taken[0] ?? 0) <= at - 1000) taken.shift();
      if (taken.length >= maxPerSecond) return false;
      taken.push(at);
      return true;
    },
  };
}
