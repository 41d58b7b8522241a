/** Issue 11 item 5: GET /api/providers shows checks held by an open circuit (it said `queued 0`). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProvidersResponse } from '@contract/api';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { failureOutcome, passOutcome, scriptedProvider, sleep, testMedia, testPolicy } from './gateway.test-helpers.js';
import { createVendorGateway } from './vendor-gateway.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ LOCAL_SCREENING: 'off' });
}, 60_000);
afterAll(async () => t?.close());

it('counts checks waiting on an open circuit as queued, and says how many', async () => {
  const { provider } = scriptedProvider([failureOutcome('unavailable'), failureOutcome('unavailable'), passOutcome]);
  const gateway = createVendorGateway(provider, {
    ...testPolicy,
    maxAttempts: 1,
    // Long enough that the circuit is still open when the route answers on a loaded machine (400 ms was not).
    breaker: { failureThreshold: 2, cooldownMs: 1500 },
  });
  t.server.gateways.set('tencent', gateway); // the route reads the gateways at request time
  await gateway.run(testMedia, { idempotencyKey: 'a' });
  await gateway.run(testMedia, { idempotencyKey: 'b' });
  const waiting = [gateway.run(testMedia, { idempotencyKey: 'c' }), gateway.run(testMedia, { idempotencyKey: 'd' })];
  await sleep(30);

  const body = (await (await fetch(`${t.baseUrl}/api/providers`)).json()) as ProvidersResponse;
  expect(body.providers.find((p) => p.id === 'tencent')?.health).toMatchObject({
    circuit: 'open',
    consecutiveFailures: 2,
    inFlight: 0,
    queued: 2,
    waitingOnCircuit: 2,
  });
  expect(body.providers.find((p) => p.id === 'glair')?.health).toMatchObject({ queued: 0, waitingOnCircuit: 0 });
  await Promise.all(waiting);
});
