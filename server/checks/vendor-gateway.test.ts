import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../providers/types.js';
import { backoffMs, createVendorGateway, isRetryable } from './vendor-gateway.js';
import type { VendorPolicy } from './vendor-policy.js';

const media: MediaInput = { kind: 'video', bytes: Buffer.from('x'), container: 'mp4', mime: 'video/mp4', sha256: 'a'.repeat(64) };
const pass: CheckOutcome = { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 1, raw: {} };
const failure = (category: 'throttled' | 'unavailable' | 'input' | 'retake' | 'auth' | 'timeout', extra = {}): CheckOutcome => ({
  kind: 'error',
  category,
  vendorCode: category,
  message: category,
  latencyMs: 1,
  raw: {},
  ...extra,
});

const policy: VendorPolicy = {
  rateSlackMs: 30,
  maxConcurrent: 4,
  timeoutMs: { video: 200, image: 200 },
  maxAttempts: 3,
  maxThrottledAnswers: 10,
  backoff: { baseMs: 5, maxMs: 20 },
  breaker: { failureThreshold: 2, cooldownMs: 60_000 },
};

function scriptedProvider(outcomes: Array<CheckOutcome | ((ctx: CheckContext) => Promise<CheckOutcome>)>) {
  const calls: CheckContext[] = [];
  const provider: Provider = {
    id: 'tencent',
    displayName: 'Test',
    mode: 'simulated',
    limits: { preferred: 'video' },
    async check(_m, ctx) {
      calls.push(ctx);
      const next = outcomes.shift() ?? pass;
      return typeof next === 'function' ? next(ctx) : next;
    },
  };
  return { provider, calls };
}

describe('vendor gateway', () => {
  it('retries throttling and outages with the same idempotency key and a new attempt number', async () => {
    const { provider, calls } = scriptedProvider([failure('throttled'), failure('unavailable'), pass]);
    const attempts: number[] = [];
    const gw = createVendorGateway(provider, policy);
    const outcome = await gw.run(media, { idempotencyKey: 'key-1' }, { sent: async (n) => void attempts.push(n) });
    expect(outcome).toEqual(pass);
    expect(calls.map((c) => [c.idempotencyKey, c.attempt])).toEqual([
      ['key-1', 1],
      ['key-1', 2],
      ['key-1', 3],
    ]);
    expect(attempts).toEqual([1, 2, 3]); // each attempt recorded before the vendor call
  });

  it.each(['input', 'retake', 'auth', 'timeout'] as const)('never retries a %s error', async (category) => {
    const { provider, calls } = scriptedProvider([failure(category), pass]);
    const outcome = await createVendorGateway(provider, policy).run(media, { idempotencyKey: 'k' }, {});
    expect(outcome.kind === 'error' && outcome.category).toBe(category);
    expect(calls).toHaveLength(1);
  });

  it('gives up after maxAttempts and returns the last outcome', async () => {
    // Issue 11: a throttled answer no longer uses up the budget, so three outages take four calls here.
    const { provider, calls } = scriptedProvider([
      failure('unavailable'),
      failure('throttled'),
      failure('unavailable'),
      failure('unavailable', { vendorCode: 'last' }),
    ]);
    const outcome = await createVendorGateway(provider, { ...policy, breaker: { failureThreshold: 99, cooldownMs: 1 } }).run(
      media,
      { idempotencyKey: 'k' },
      {},
    );
    expect(outcome.kind === 'error' && [outcome.category, outcome.vendorCode]).toEqual(['unavailable', 'last']);
    expect(calls).toHaveLength(4);
  });

  it('passes a timeout signal per media type', async () => {
    const { provider } = scriptedProvider([
      (ctx) =>
        new Promise((resolve) =>
          ctx.signal!.addEventListener('abort', () =>
            resolve(failure((ctx.signal!.reason as DOMException).name === 'TimeoutError' ? 'timeout' : 'unavailable')),
          ),
        ),
    ]);
    const started = performance.now();
    const outcome = await createVendorGateway(provider, policy).run(media, { idempotencyKey: 'k' }, {});
    expect(outcome.kind === 'error' && outcome.category).toBe('timeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('opens the circuit after consecutive outages and reports it', async () => {
    const { provider } = scriptedProvider([failure('unavailable'), failure('unavailable')]);
    const gw = createVendorGateway(provider, { ...policy, maxAttempts: 1 });
    await gw.run(media, { idempotencyKey: 'a' }, {});
    expect(gw.health().state).toBe('closed');
    await gw.run(media, { idempotencyKey: 'b' }, {});
    expect(gw.health()).toMatchObject({ state: 'open', consecutiveFailures: 2 });
    expect(gw.health().retryAt).toBeGreaterThan(Date.now());
  });

  it('classifies and backs off as documented', () => {
    expect(isRetryable(failure('throttled'))).toBe(true);
    expect(isRetryable(failure('input'))).toBe(false);
    expect(isRetryable(pass)).toBe(false);
    const b = { baseMs: 500, maxMs: 8000 };
    expect(backoffMs(1, b, 0, () => 0)).toBe(250);
    expect(backoffMs(1, b, 0, () => 1)).toBe(500);
    expect(backoffMs(10, b, 0, () => 1)).toBe(8000);
    expect(backoffMs(1, b, 3000, () => 0)).toBe(3000); // the vendor's Retry-After wins
  });
});
