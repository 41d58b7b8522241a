/** Stand-ins for gateway tests: outcomes, and a provider that really sends through the fetch it is given. */
import type { CheckContext, CheckOutcome, ErrorCategory, MediaInput, Provider } from '../providers/types.js';
import type { AttemptRecorder } from './vendor-gateway.js';
import type { VendorPolicy } from './vendor-policy.js';

export const testMedia: MediaInput = {
  kind: 'video',
  bytes: Buffer.from('x'),
  container: 'mp4',
  mime: 'video/mp4',
  sha256: 'a'.repeat(64),
};
export const passOutcome: CheckOutcome = { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 1, raw: {} };

export const failureOutcome = (category: ErrorCategory, extra: Partial<CheckOutcome> = {}): CheckOutcome =>
  ({ kind: 'error', category, vendorCode: category, message: category, latencyMs: 1, raw: {}, ...extra }) as CheckOutcome;

export const testPolicy: VendorPolicy = {
  rateSlackMs: 30,
  maxConcurrent: 4,
  timeoutMs: { video: 2_000, image: 2_000 },
  maxAttempts: 3,
  maxThrottledAnswers: 10,
  backoff: { baseMs: 2, maxMs: 10 },
  breaker: { failureThreshold: 2, cooldownMs: 60_000 },
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Answers from a script, recording each call's context; a function entry decides from the context. */
export function scriptedProvider(outcomes: Array<CheckOutcome | ((ctx: CheckContext) => Promise<CheckOutcome>)>) {
  const calls: CheckContext[] = [];
  const provider: Provider = {
    id: 'tencent',
    displayName: 'Test',
    mode: 'simulated',
    limits: { preferred: 'video' },
    async check(_m, ctx) {
      calls.push(ctx);
      const next = outcomes.shift() ?? passOutcome;
      return typeof next === 'function' ? next(ctx) : next;
    },
  };
  return { provider, calls };
}

/**
 * A provider that POSTs to http://vendor.test/ through `fetchImpl` (the idempotency key in a header) and maps the
 * status: 429 → throttled, 5xx → unavailable, else pass; a fetch that fails is a timeout when the signal fired.
 */
export function fetchingProvider(fetchImpl: typeof fetch): Provider {
  return {
    id: 'tencent',
    displayName: 'Stub vendor',
    mode: 'simulated',
    limits: { preferred: 'video', video: {} as never },
    async check(_media, ctx) {
      try {
        const res = await fetchImpl('http://vendor.test/detect', {
          method: 'POST',
          headers: { 'x-idempotency-key': ctx.idempotencyKey },
          signal: ctx.signal,
        });
        await res.body?.cancel();
        if (res.status === 429) return failureOutcome('throttled', { httpStatus: 429 });
        if (res.status >= 500) return failureOutcome('unavailable', { httpStatus: res.status });
        return passOutcome;
      } catch {
        return failureOutcome(ctx.signal?.aborted ? 'timeout' : 'unavailable');
      }
    },
  };
}

/** Records what the gateway charges, as the runner would store it. */
export function recordingRecorder() {
  const sent: number[] = [];
  const throttled: number[] = [];
  const recorder: AttemptRecorder = {
    sent: async (n) => void sent.push(n),
    throttled: async (n) => void throttled.push(n),
  };
  return { recorder, sent, throttled };
}
