/**
 * Wraps one provider with the behaviour every vendor gets: queueing under its rate limit and
 * concurrency cap, a timeout per media type, retries only where a retry is safe, and a circuit
 * breaker. Each attempt is a fresh provider call, so it is freshly signed.
 *
 * The retry budget counts requests the vendor could have worked on, nothing else: an attempt is
 * charged when its request leaves (the rate slot, ./send-tracker.ts), not while it waits for a
 * slot, an open circuit or a back-off; a "throttled" answer (the vendor did no work) has its own
 * bound instead; and what was charged before a restart is carried over, never counted again.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { createCircuitBreaker, type CircuitSnapshot } from './circuit-breaker.js';
import { createRateGate, type RateGate } from './rate-gate.js';
import type { RateLimitedFetch } from './rate-limited-fetch.js';
import { trackSends } from './send-tracker.js';
import type { VendorPolicy } from './vendor-policy.js';
import type { CheckContext, CheckFailure, CheckOutcome, MediaInput, Provider } from '../providers/types.js';

/** What a check has already cost, as stored: requests sent, and how many of them were answered "throttled". */
export interface AttemptLedger {
  sent: number;
  throttled: number;
}

export interface AttemptRecorder {
  /**
   * Request number `attempt` of this check is leaving now. Started at that moment and awaited after the answer:
   * a database write between the rate slot and the send is jitter the vendor's window does not forgive. (A crash
   * in those few milliseconds loses the count of one request; the resend carries the same idempotency key.)
   */
  sent?(attempt: number): Promise<void>;
  /** The vendor has now answered "throttled" `count` times for this check. */
  throttled?(count: number): Promise<void>;
}

/** One try of a check through the gateway, as it ended (logs and metrics: ./vendor-calls.ts). */
export interface AttemptEvent {
  providerId: string;
  attempt: number;
  /** Whether a request left for the vendor (a try that timed out waiting for a slot did not). */
  sent: boolean;
  outcome: CheckOutcome;
}

/** Told of every try; must not throw (it is called on the check's path). */
export type AttemptObserver = (event: AttemptEvent) => void;

export interface GatewayHealth extends CircuitSnapshot {
  inFlight: number;
  /** Checks waiting to be sent: for a concurrency slot, on an open circuit, or in back-off before a retry. */
  queued: number;
  /** The part of `queued` held by an open circuit. */
  waitingOnCircuit: number;
}

export interface VendorGateway {
  provider: Provider;
  policy: VendorPolicy;
  /** Runs a check to its final outcome, starting from what `ledger` says it has already cost. */
  run(
    media: MediaInput,
    ctx: Omit<CheckContext, 'attempt' | 'signal'>,
    recorder?: AttemptRecorder,
    ledger?: AttemptLedger,
  ): Promise<CheckOutcome>;
  health(): GatewayHealth;
  /**
   * Graceful shutdown: no further request leaves. Checks waiting for an open circuit or a back-off (or getting a slot
   * later) end their run() with GatewayStoppedError, unfinished; requests already sent are answered as usual.
   */
  stop(): void;
}

/** run() after stop(): the check was not finished and nothing more was sent; it stays pending for the next process. */
export class GatewayStoppedError extends Error {
  override name = 'GatewayStoppedError';
  constructor() {
    super('the gateway is stopping: nothing more is sent');
  }
}

/** Safe to repeat: the vendor throttled us, or it (or the network) failed before answering. */
export function isRetryable(outcome: CheckOutcome): boolean {
  return outcome.kind === 'error' && (outcome.category === 'throttled' || outcome.category === 'unavailable');
}

/**
 * An outage counts against the vendor; any real answer (even "retake", "throttled" or one we cannot read,
 * vendor_protocol) shows it is up.
 */
function isOutage(outcome: CheckOutcome): boolean {
  return outcome.kind === 'error' && (outcome.category === 'unavailable' || outcome.category === 'timeout');
}

/** Exponential back-off with jitter (half fixed, half random), at least what the vendor asked for. */
export function backoffMs(attempt: number, policy: VendorPolicy['backoff'], retryAfterMs = 0, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs, ceiling / 2 + random() * (ceiling / 2));
}

const NOTHING_SENT: AttemptLedger = { sent: 0, throttled: 0 };

/** A check resumed with its budget already spent by requests whose answers a restart lost. */
function budgetSpent(vendor: string, ledger: AttemptLedger): CheckFailure {
  const message = `Not sent again: ${ledger.sent} request(s) already went to ${vendor} for this check, and the server stopped before their answers were stored`;
  return { kind: 'error', category: 'unavailable', vendorCode: 'Client.AttemptsSpent', message, latencyMs: 0, raw: null };
}

function throttledTooOften(vendor: string, ledger: AttemptLedger): CheckFailure {
  const message = `Not sent again: ${vendor} already answered "throttled" ${ledger.throttled} times for this check`;
  return { kind: 'error', category: 'throttled', vendorCode: 'Client.ThrottledTooOften', message, latencyMs: 0, raw: null };
}

/**
 * `rateLimiter` is the rate-limited fetch the provider was built with (the rate is enforced, and an
 * attempt charged, at send time there); this gateway caps concurrency, which also bounds how long a
 * request can wait for a rate slot inside its timeout. Without one (the on-box screening), calling
 * the provider is the send.
 */
export function createVendorGateway(
  provider: Provider,
  policy: VendorPolicy,
  rateLimiter?: RateLimitedFetch,
  /** The concurrency cap when it is shared with other processes (./quotas/); default this process's own. */
  concurrency: RateGate = createRateGate({ maxConcurrent: policy.maxConcurrent }),
  observe?: AttemptObserver,
): VendorGateway {
  const gate = concurrency;
  const breaker = createCircuitBreaker(policy.breaker);
  let waitingOnCircuit = 0;
  let waitingToRetry = 0;
  const stopping = new AbortController();
  const throwIfStopped = () => {
    if (stopping.signal.aborted) throw new GatewayStoppedError();
  };
  /** Sleeps, or throws GatewayStoppedError at once when the gateway stops meanwhile. */
  const sleep = (ms: number) => sleepFor(ms, undefined, { signal: stopping.signal }).catch(() => throwIfStopped());

  async function circuitClosed(): Promise<void> {
    let wait = breaker.waitMs();
    if (wait <= 0) return;
    waitingOnCircuit += 1;
    try {
      for (; wait > 0; wait = breaker.waitMs()) await sleep(wait);
    } finally {
      waitingOnCircuit -= 1;
    }
  }

  async function backOff(ms: number): Promise<void> {
    waitingToRetry += 1;
    try {
      await sleep(ms);
    } finally {
      waitingToRetry -= 1;
    }
  }

  /** One provider call under a concurrency slot; `sent` says whether any request of it left. */
  async function attemptOnce(
    media: MediaInput,
    ctx: Omit<CheckContext, 'attempt' | 'signal'>,
    attempt: number,
    recorder: AttemptRecorder,
  ): Promise<{ outcome: CheckOutcome; sent: boolean }> {
    const release = await gate.acquire();
    if (stopping.signal.aborted) {
      release();
      throw new GatewayStoppedError();
    }
    let recording: Promise<void> | undefined;
    let recordError: { error: unknown } | undefined;
    const markSent = () => {
      if (recording) return;
      // Caught at once so a failed write is not an unhandled rejection while the request is in flight.
      recording = Promise.resolve(recorder.sent?.(attempt)).catch((error: unknown) => {
        recordError = { error };
      });
    };
    let outcome: CheckOutcome;
    try {
      if (!rateLimiter) markSent();
      outcome = await trackSends(markSent, () =>
        provider.check(media, { ...ctx, attempt, signal: AbortSignal.timeout(policy.timeoutMs[media.kind]) }),
      );
    } finally {
      release();
      await recording;
    }
    if (recordError) throw recordError.error;
    return { outcome, sent: recording !== undefined };
  }

  return {
    provider,
    policy,
    async run(media, ctx, recorder = {}, ledger = NOTHING_SENT) {
      let { sent, throttled } = ledger;
      // Tries in this process that ended before sending anything (timed out waiting for a slot, a request that
      // could not be built): free for the vendor, so never stored, but they bound this loop all the same.
      let unsent = 0;
      const charged = () => sent - throttled + unsent;
      if (throttled > 0 && throttled >= policy.maxThrottledAnswers) return throttledTooOften(provider.displayName, ledger);
      if (charged() >= policy.maxAttempts) return budgetSpent(provider.displayName, ledger);
      for (;;) {
        await circuitClosed();
        throwIfStopped();
        breaker.begin();
        const { outcome, sent: didSend } = await attemptOnce(media, ctx, sent + 1, recorder).catch((err: unknown) => {
          if (err instanceof GatewayStoppedError) breaker.abandon();
          throw err;
        });
        observe?.({ providerId: provider.id, attempt: sent + 1, sent: didSend, outcome });
        if (!didSend) {
          unsent += 1;
          breaker.abandon();
        } else {
          sent += 1;
          breaker.record(isOutage(outcome) ? 'failure' : 'success');
        }
        const wasThrottled = didSend && outcome.kind === 'error' && outcome.category === 'throttled';
        if (wasThrottled) {
          throttled += 1;
          await recorder.throttled?.(throttled);
          rateLimiter?.backOff(outcome.retryAfterMs ?? policy.backoff.baseMs);
        }
        // Nothing left before the answer came back, so a timeout there cannot have reached the vendor.
        const unsentTimeout = !didSend && outcome.kind === 'error' && outcome.category === 'timeout';
        if (!isRetryable(outcome) && !unsentTimeout) return outcome;
        const spent = wasThrottled ? throttled >= policy.maxThrottledAnswers : charged() >= policy.maxAttempts;
        if (spent) return outcome;
        const step = wasThrottled ? throttled : charged();
        await backOff(backoffMs(step, policy.backoff, outcome.kind === 'error' ? outcome.retryAfterMs : 0));
      }
    },
    health() {
      const { inFlight, queued } = gate.stats();
      return { ...breaker.snapshot(), inFlight, queued: queued + waitingOnCircuit + waitingToRetry, waitingOnCircuit };
    },
    stop() {
      stopping.abort();
    },
  };
}
