/**
 * How the gateway treats each vendor: rate limit, concurrency cap, timeouts, retries and the
 * circuit breaker. Defaults come from the vendors' published limits; every number can be
 * overridden per vendor with <PREFIX>_RATE_LIMIT, <PREFIX>_MAX_CONCURRENCY,
 * <PREFIX>_TIMEOUT_VIDEO_MS, <PREFIX>_TIMEOUT_IMAGE_MS, <PREFIX>_MAX_ATTEMPTS and <PREFIX>_MAX_THROTTLED.
 */
import { LOCAL_SCREENING_CONFIG } from '../providers/local/config.js';
import type { ProviderId } from '../providers/types.js';

export interface VendorPolicy {
  /** Request starts per sliding second; undefined = the vendor publishes none. */
  ratePerSecond?: number;
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

const common = {
  maxConcurrent: 8,
  maxAttempts: 4,
  // With the back-off below (doubling to 8 s, or the vendor's Retry-After if longer), ten throttled answers span
  // about a minute of the vendor saying "slow down" for this one check: long enough to ride out a burst or a shared
  // quota, short enough that a person hears back and a reviewer can re-run it.
  maxThrottledAnswers: 10,
  backoff: { baseMs: 500, maxMs: 8_000 },
  breaker: { failureThreshold: 5, cooldownMs: 30_000 },
};

export const DEFAULT_POLICIES: Record<Exclude<ProviderId, 'local'>, VendorPolicy> = {
  // Tencent doc: "A maximum of 5 requests can be initiated per second for this API."
  tencent: { ...common, ratePerSecond: 5, timeoutMs: { video: 30_000, image: 15_000 } },
  // Alibaba public API overview: 10 QPS per API per account in ap-southeast-1. Video is analysed
  // synchronously (8 frames) and the docs say to allow more than 3 s.
  'alibaba-intl': { ...common, ratePerSecond: 10, timeoutMs: { video: 30_000, image: 15_000 } },
  // The China doc gives a dedicated per-API QPS without a number: stay at the intl figure.
  'alibaba-cn': { ...common, ratePerSecond: 10, timeoutMs: { video: 30_000, image: 15_000 } },
  // FinAuth and GLAIR publish no rate; their throttling answers (403 CONCURRENCY_LIMIT_EXCEEDED,
  // 429) are retried with back-off, and the concurrency cap bounds what we ask of them.
  finauth: { ...common, maxConcurrent: 4, timeoutMs: { video: 30_000, image: 15_000 } },
  glair: { ...common, maxConcurrent: 4, timeoutMs: { video: 30_000, image: 15_000 } },
};

/**
 * The on-box screening: one clip at a time (it is CPU-bound on a small box and queues inside its
 * worker host anyway), never retried (a deterministic check gives the same answer twice), and a
 * timeout above the host's own per-clip limit plus a queued clip or two.
 */
export const LOCAL_POLICY: VendorPolicy = {
  maxConcurrent: 1,
  maxAttempts: 1,
  maxThrottledAnswers: 0,
  timeoutMs: { video: 2 * LOCAL_SCREENING_CONFIG.worker.timeoutMs, image: 2 * LOCAL_SCREENING_CONFIG.worker.timeoutMs },
  backoff: common.backoff,
  breaker: common.breaker,
};

export const ENV_PREFIX: Record<Exclude<ProviderId, 'local'>, string> = {
  tencent: 'TENCENT',
  'alibaba-intl': 'ALIBABA_INTL',
  'alibaba-cn': 'ALIBABA_CN',
  finauth: 'FINAUTH',
  glair: 'GLAIR',
};

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

export function loadVendorPolicy(id: Exclude<ProviderId, 'local'>, env: NodeJS.ProcessEnv): VendorPolicy {
  const base = DEFAULT_POLICIES[id];
  const p = ENV_PREFIX[id];
  return {
    ...base,
    ratePerSecond: positiveNumber(env, `${p}_RATE_LIMIT`) ?? base.ratePerSecond,
    maxConcurrent: Math.round(positiveNumber(env, `${p}_MAX_CONCURRENCY`) ?? base.maxConcurrent),
    timeoutMs: {
      video: positiveNumber(env, `${p}_TIMEOUT_VIDEO_MS`) ?? base.timeoutMs.video,
      image: positiveNumber(env, `${p}_TIMEOUT_IMAGE_MS`) ?? base.timeoutMs.image,
    },
    maxAttempts: Math.round(positiveNumber(env, `${p}_MAX_ATTEMPTS`) ?? base.maxAttempts),
    maxThrottledAnswers: Math.round(positiveNumber(env, `${p}_MAX_THROTTLED`) ?? base.maxThrottledAnswers),
  };
}
