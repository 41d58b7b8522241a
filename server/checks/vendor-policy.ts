/**
 * How the gateway treats a vendor: rate limit, concurrency cap, timeouts, retries and the circuit breaker. Each
 * vendor's defaults are in its descriptor (providers/<vendor>/index.ts, from the vendor's published limits); every
 * number can be overridden per vendor with <PREFIX>_RATE_LIMIT, <PREFIX>_MAX_CONCURRENCY, <PREFIX>_TIMEOUT_VIDEO_MS,
 * <PREFIX>_TIMEOUT_IMAGE_MS, <PREFIX>_MAX_ATTEMPTS, <PREFIX>_MAX_THROTTLED and <PREFIX>_RATE_SLACK_MS.
 */

export interface VendorPolicy {
  /** Request starts per sliding second; undefined = the vendor publishes none. */
  ratePerSecond?: number;
  /**
   * Milliseconds added to the one-second window the rate is spread over. Vendors count arrivals, and a send can
   * leave late (a busy event loop, a slow connect): the slack is how late one may be without sharing a vendor second
   * with the fifth request after it. More slack: safer on a loaded host; less: more of the quota used.
   */
  rateSlackMs: number;
  maxConcurrent: number;
  timeoutMs: { video: number; image: number };
  /** Requests a check may send, not counting those answered "throttled" (the vendor did no work for them). */
  maxAttempts: number;
  /**
   * The separate bound on "throttled" answers per check, so a vendor that throttles for good cannot keep a check
   * looping. A count of answers, not a wall-clock limit: a restart or a long queue must not use it up.
   */
  maxThrottledAnswers: number;
  backoff: { baseMs: number; maxMs: number };
  breaker: { failureThreshold: number; cooldownMs: number };
}

/** What a vendor gets where its descriptor says nothing else (no published rate among them). */
export const STANDARD_VENDOR_POLICY: VendorPolicy = {
  rateSlackMs: 30,
  maxConcurrent: 8,
  // (guess) Video analysis takes seconds; a person at a camera should not wait longer.
  timeoutMs: { video: 30_000, image: 15_000 },
  maxAttempts: 4,
  // With the back-off below (doubling to 8 s, or the vendor's Retry-After if longer), ten throttled answers span
  // about a minute of the vendor saying "slow down" for this one check: long enough to ride out a burst or a shared
  // quota, short enough that a person hears back and a reviewer can re-run it.
  maxThrottledAnswers: 10,
  backoff: { baseMs: 500, maxMs: 8_000 },
  breaker: { failureThreshold: 5, cooldownMs: 30_000 },
};

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/** `defaults` with the `<prefix>_*` overrides set in `env` applied. */
export function loadVendorPolicy(prefix: string, defaults: VendorPolicy, env: NodeJS.ProcessEnv): VendorPolicy {
  return {
    ...defaults,
    ratePerSecond: positiveNumber(env, `${prefix}_RATE_LIMIT`) ?? defaults.ratePerSecond,
    rateSlackMs: Math.min(1000, positiveNumber(env, `${prefix}_RATE_SLACK_MS`) ?? defaults.rateSlackMs),
    maxConcurrent: Math.round(positiveNumber(env, `${prefix}_MAX_CONCURRENCY`) ?? defaults.maxConcurrent),
    timeoutMs: {
      video: positiveNumber(env, `${prefix}_TIMEOUT_VIDEO_MS`) ?? defaults.timeoutMs.video,
      image: positiveNumber(env, `${prefix}_TIMEOUT_IMAGE_MS`) ?? defaults.timeoutMs.image,
    },
    maxAttempts: Math.round(positiveNumber(env, `${prefix}_MAX_ATTEMPTS`) ?? defaults.maxAttempts),
    maxThrottledAnswers: Math.round(positiveNumber(env, `${prefix}_MAX_THROTTLED`) ?? defaults.maxThrottledAnswers),
  };
}
