/**
 * FinAuth's throttle: a request over either limit is answered 403 CONCURRENCY_LIMIT_EXCEEDED at once. The rate
 * window is ../simulator-kit/rate-limit.ts; the in-flight count is FinAuth's own.
 */
import { createRateLimiter } from '../../simulator-kit/rate-limit.js';

export interface AdmissionOptions {
  /** Request starts per sliding second; undefined = no limit (FinAuth publishes none). */
  maxRequestsPerSecond?: number;
  /** Requests in flight at once (a queued delayMs keeps one in flight); undefined = no limit. */
  maxConcurrentRequests?: number;
  now: () => Date;
}

export function createAdmission(options: AdmissionOptions) {
  const starts = createRateLimiter(options.maxRequestsPerSecond, () => options.now().getTime());
  let inFlight = 0;
  return {
    /** A release function when admitted, undefined when over a limit. */
    tryEnter(): (() => void) | undefined {
      // In-flight first: a request refused for concurrency must not use up a start in the rate window.
      if (options.maxConcurrentRequests !== undefined && inFlight >= options.maxConcurrentRequests) return undefined;
      if (!starts.tryTake()) return undefined;
      inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
      };
    },
  };
}
