/**
 * Wraps one provider with the behaviour every vendor gets: queueing under its rate limit and
 * concurrency cap, a timeout per media type, retries only where a retry is safe, and a circuit
 * breaker. Each attempt is a fresh provider call, so it is freshly signed.
 */
import { createCircuitBreaker, type CircuitSnapshot } from './circuit-breaker.js';
import { createRateGate } from './rate-gate.js';
import type { RateLimitedFetch } from './rate-limited-fetch.js';
import type { VendorPolicy } from './vendor-policy.js';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../providers/types.js';

export interface VendorGateway {
  provider: Provider;
  policy: VendorPolicy;
  /** Runs a check to its final outcome; `beforeAttempt` persists the attempt before the vendor is called. */
  run(
    media: MediaInput,
    ctx: Omit<CheckContext, 'attempt' | 'signal'>,
    beforeAttempt: (attempt: number) => Promise<void>,
    firstAttempt?: number,
  ): Promise<CheckOutcome>;
  health(): CircuitSnapshot & { inFlight: number; queued: number };
}

/** Safe to repeat: the vendor throttled us, or it (or the network) failed before answering. */
export function isRetryable(outcome: CheckOutcome): boolean {
  return outcome.kind === 'error' && (outcome.category === 'throttled' || outcome.category === 'unavailable');
}

/** An outage counts against the vendor; any real answer (even "retake" or "throttled") shows it is up. */
function isOutage(outcome: CheckOutcome): boolean {
  return outcome.kind === 'error' && (outcome.category === 'unavailable' || outcome.category === 'timeout');
}

/** Exponential back-off with jitter (half fixed, half random), at least what the vendor asked for. */
export function backoffMs(attempt: number, policy: VendorPolicy['backoff'], retryAfterMs = 0, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs, ceiling / 2 + random() * (ceiling / 2));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `rateLimiter` is the rate-limited fetch the provider was built with (the rate is enforced at
 * send time there); this gateway caps concurrency, which also bounds how long a request can wait
 * for a rate slot inside its timeout.
 */
export function createVendorGateway(provider: Provider, policy: VendorPolicy, rateLimiter?: RateLimitedFetch): VendorGateway {
  const gate = createRateGate({ maxConcurrent: policy.maxConcurrent });
  const breaker = createCircuitBreaker(policy.breaker);

  return {
    provider,
    policy,
    async run(media, ctx, beforeAttempt, firstAttempt = 1) {
      let attempt = firstAttempt;
      for (;;) {
        for (let wait = breaker.waitMs(); wait > 0; wait = breaker.waitMs()) await sleep(wait);
        breaker.begin();
        // Recorded before waiting for a slot, so the slot is taken as close to the send as possible:
        // what the vendor counts is arrivals, and every millisecond between admission and send is jitter.
        await beforeAttempt(attempt);
        const release = await gate.acquire();
        let outcome: CheckOutcome;
        try {
          outcome = await provider.check(media, {
            ...ctx,
            attempt,
            signal: AbortSignal.timeout(policy.timeoutMs[media.kind]),
          });
        } finally {
          release();
        }
        breaker.record(isOutage(outcome) ? 'failure' : 'success');
        if (outcome.kind === 'error' && outcome.category === 'throttled') {
          rateLimiter?.backOff(outcome.retryAfterMs ?? policy.backoff.baseMs);
        }
        if (!isRetryable(outcome) || attempt >= policy.maxAttempts) return outcome;
        await sleep(backoffMs(attempt, policy.backoff, outcome.kind === 'error' ? outcome.retryAfterMs : 0));
        attempt += 1;
      }
    },
    health() {
      return { ...breaker.snapshot(), ...gate.stats() };
    },
  };
}
