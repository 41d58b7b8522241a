/** Graceful shutdown at the gateway: stop() sends nothing more, and frees checks waiting on a circuit or a back-off. */
import { describe, expect, it } from 'vitest';
import { failureOutcome, recordingRecorder, scriptedProvider, sleep, testMedia, testPolicy } from './gateway.test-helpers.js';
import { createVendorGateway, GatewayStoppedError, type AttemptEvent } from './vendor-gateway.js';

const ctx = { idempotencyKey: 'stop-test' };

describe('VendorGateway.stop', () => {
  it('ends a check waiting on an open circuit at once, unfinished, with nothing more sent', async () => {
    const outage = failureOutcome('unavailable');
    const { provider, calls } = scriptedProvider([outage, outage, outage]);
    const events: AttemptEvent[] = [];
    const gateway = createVendorGateway(provider, testPolicy, undefined, undefined, (e) => events.push(e));
    const { recorder, sent } = recordingRecorder();
    // Two outages open the circuit (60 s); the check's third try then waits on it.
    const waiting = gateway.run(testMedia, ctx, recorder);
    await sleep(50);
    expect(gateway.health()).toMatchObject({ state: 'open', waitingOnCircuit: 1 });
    const callsBefore = calls.length;
    const stoppedAt = Date.now();
    gateway.stop();
    await expect(waiting).rejects.toBeInstanceOf(GatewayStoppedError);
    expect(Date.now() - stoppedAt).toBeLessThan(100);
    expect(callsBefore).toBe(2);
    expect(calls.length).toBe(callsBefore);
    expect(sent).toHaveLength(callsBefore);
    expect(events.every((e) => e.providerId === 'tencent' && e.outcome.kind === 'error')).toBe(true);
  });

  it('frees a check in back-off before its retry, and refuses new runs', async () => {
    const { provider, calls } = scriptedProvider([failureOutcome('throttled', { retryAfterMs: 60_000 })]);
    const gateway = createVendorGateway(provider, testPolicy);
    const run = gateway.run(testMedia, ctx);
    await sleep(20);
    expect(calls).toHaveLength(1);
    gateway.stop();
    await expect(run).rejects.toBeInstanceOf(GatewayStoppedError);
    await expect(gateway.run(testMedia, ctx)).rejects.toBeInstanceOf(GatewayStoppedError);
    expect(calls).toHaveLength(1);
  });
});
