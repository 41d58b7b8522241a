/** Issue 11 item 5: the retry budget pays for requests the vendor could work on, never for waiting. */
import { describe, expect, it } from 'vitest';
import {
  failureOutcome,
  fetchingProvider,
  passOutcome,
  recordingRecorder,
  scriptedProvider,
  sleep,
  testMedia as media,
  testPolicy as policy,
} from './gateway.test-helpers.js';
import { createRateLimitedFetch } from './rate-limited-fetch.js';
import { createVendorGateway } from './vendor-gateway.js';

const ok = async () => new Response('{}', { status: 200 });

/** A rate-limited fetch whose slots all wait `pauseMs` (as after a vendor's "slow down"), and its request count. */
async function pausedLimiter(pauseMs: number) {
  const requests: number[] = [];
  const limiter = createRateLimitedFetch(async () => (requests.push(performance.now()), ok()), 50);
  await limiter.fetch('http://vendor.test/detect'); // creates the vendor API's gate (outside any check)
  requests.length = 0;
  limiter.backOff(pauseMs);
  return { limiter, requests };
}

describe('an attempt is charged when its request leaves', () => {
  it('not while the check waits for its rate slot', async () => {
    const { limiter, requests } = await pausedLimiter(150);
    const { recorder, sent } = recordingRecorder();
    const run = createVendorGateway(fetchingProvider(limiter.fetch), policy, limiter).run(
      media,
      { idempotencyKey: 'k' },
      recorder,
    );
    await sleep(60);
    expect(sent).toEqual([]); // waiting: nothing charged, nothing sent
    expect(requests).toEqual([]);
    expect(await run).toEqual(passOutcome);
    expect(sent).toEqual([1]);
    expect(requests).toHaveLength(1);
  });

  it('a check that times out waiting for its slot sent nothing: it is tried again and charged once', async () => {
    const { limiter, requests } = await pausedLimiter(180);
    const { recorder, sent } = recordingRecorder();
    const gw = createVendorGateway(
      fetchingProvider(limiter.fetch),
      { ...policy, timeoutMs: { video: 120, image: 120 } },
      limiter,
    );
    const started = performance.now();
    expect(await gw.run(media, { idempotencyKey: 'k' }, recorder)).toEqual(passOutcome);
    expect(performance.now() - started).toBeGreaterThan(170); // it did wait past its first timeout
    expect(sent).toEqual([1]);
    expect(requests).toHaveLength(1);
  });
});

describe('throttled answers', () => {
  it('do not use up the attempt budget', async () => {
    const throttledFive = Array.from({ length: 5 }, () => failureOutcome('throttled'));
    const { provider, calls } = scriptedProvider([
      ...throttledFive,
      failureOutcome('unavailable'),
      failureOutcome('unavailable'),
      passOutcome,
    ]);
    const { recorder, sent, throttled } = recordingRecorder();
    const gw = createVendorGateway(provider, { ...policy, breaker: { failureThreshold: 99, cooldownMs: 1 } });
    expect(await gw.run(media, { idempotencyKey: 'k' }, recorder)).toEqual(passOutcome);
    expect(calls).toHaveLength(8);
    expect(sent).toEqual([1, 2, 3, 4, 5, 6, 7, 8]); // every request is counted as sent…
    expect(throttled).toEqual([1, 2, 3, 4, 5]); // …and the throttled ones apart
  });

  it('have their own bound: a vendor that keeps throttling is given up after maxThrottledAnswers', async () => {
    const { provider, calls } = scriptedProvider(Array.from({ length: 50 }, () => failureOutcome('throttled')));
    const outcome = await createVendorGateway(provider, { ...policy, maxThrottledAnswers: 6 }).run(media, {
      idempotencyKey: 'k',
    });
    expect(outcome.kind === 'error' && outcome.category).toBe('throttled');
    expect(calls).toHaveLength(6);
  });
});

describe('a resumed check', () => {
  it('continues from what it already cost, with the same idempotency key', async () => {
    const { provider, calls } = scriptedProvider([
      failureOutcome('unavailable'),
      failureOutcome('unavailable', { vendorCode: 'second' }),
    ]);
    const { recorder, sent } = recordingRecorder();
    // 3 requests sent before the restart, 2 of them throttled: one of the 3 attempts is used.
    const outcome = await createVendorGateway(provider, policy).run(media, { idempotencyKey: 'key-7' }, recorder, {
      sent: 3,
      throttled: 2,
    });
    expect(outcome).toMatchObject({ category: 'unavailable', vendorCode: 'second' });
    expect(calls.map((c) => [c.idempotencyKey, c.attempt])).toEqual([
      ['key-7', 4],
      ['key-7', 5],
    ]);
    expect(sent).toEqual([4, 5]);
  });

  it('whose budget was spent by requests a restart lost is not sent again', async () => {
    const { provider, calls } = scriptedProvider([]);
    const gw = createVendorGateway(provider, policy);
    expect(await gw.run(media, { idempotencyKey: 'k' }, {}, { sent: 3, throttled: 0 })).toMatchObject({
      kind: 'error',
      category: 'unavailable',
      vendorCode: 'Client.AttemptsSpent',
    });
    expect(await gw.run(media, { idempotencyKey: 'k' }, {}, { sent: 12, throttled: 10 })).toMatchObject({
      kind: 'error',
      category: 'throttled',
      vendorCode: 'Client.ThrottledTooOften',
    });
    expect(calls).toHaveLength(0);
  });
});

describe('health', () => {
  it('counts checks waiting on an open circuit as queued, and says so', async () => {
    const { provider } = scriptedProvider([failureOutcome('unavailable'), failureOutcome('unavailable')]);
    const gw = createVendorGateway(provider, { ...policy, maxAttempts: 1, breaker: { failureThreshold: 2, cooldownMs: 300 } });
    await gw.run(media, { idempotencyKey: 'a' });
    await gw.run(media, { idempotencyKey: 'b' });
    const waiting = gw.run(media, { idempotencyKey: 'c' });
    await sleep(30);
    expect(gw.health()).toMatchObject({ state: 'open', inFlight: 0, queued: 1, waitingOnCircuit: 1 });
    expect(await waiting).toEqual(passOutcome); // the trial call after the cool-down closes it
    expect(gw.health()).toMatchObject({ state: 'closed', queued: 0, waitingOnCircuit: 0 });
  });

  it('counts a check in back-off before its retry as queued', async () => {
    const { provider } = scriptedProvider([failureOutcome('unavailable'), passOutcome]);
    const gw = createVendorGateway(provider, { ...policy, backoff: { baseMs: 200, maxMs: 200 } });
    const run = gw.run(media, { idempotencyKey: 'k' });
    await sleep(30);
    expect(gw.health()).toMatchObject({ inFlight: 0, queued: 1, waitingOnCircuit: 0 });
    await run;
    expect(gw.health().queued).toBe(0);
  });
});
