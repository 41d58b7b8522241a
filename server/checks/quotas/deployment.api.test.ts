/** GET /api/providers on a deployment of two server processes sharing one PostgreSQL: health over both. */
import { afterAll, describe, expect, it } from 'vitest';
import type { ProvidersResponse } from '@contract/api';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../test-support/postgres.js';
import { startTestServer } from '../../test-support/test-server.js';
import { failureOutcome, scriptedProvider, sleep, testMedia, testPolicy } from '../gateway.test-helpers.js';
import { createVendorGateway } from '../vendor-gateway.js';

const postgres = await startThrowawayPostgres();
afterAll(() => (postgres as ThrowawayPostgres | undefined)?.stop());

const tencentHealth = async (baseUrl: string) =>
  ((await (await fetch(`${baseUrl}/api/providers`)).json()) as ProvidersResponse).providers.find((p) => p.id === 'tencent')
    ?.health;

describe.skipIf(!postgres)('providers health across processes', () => {
  it("adds up every live process's gateways, shows an open circuit in any of them, and drops a process that left", async () => {
    const env = { DATABASE_URL: postgres!.url, LOCAL_SCREENING: 'off', MEDIA_LINK_SECRET: 'x'.repeat(32) };
    const a = await startTestServer(env);
    const b = await startTestServer(env);
    try {
      expect(await tencentHealth(a.baseUrl)).toMatchObject({ circuit: 'closed', processes: 2 });

      // Process B's Tencent circuit opens; A has never seen a failure.
      const { provider } = scriptedProvider([failureOutcome('unavailable')]);
      const gateway = createVendorGateway(provider, {
        ...testPolicy,
        maxAttempts: 1,
        breaker: { failureThreshold: 1, cooldownMs: 60_000 },
      });
      b.server.gateways.set('tencent', gateway);
      await gateway.run(testMedia, { idempotencyKey: 'k' });
      await sleep(2_500); // B's next snapshot
      expect(await tencentHealth(a.baseUrl)).toMatchObject({ circuit: 'open', consecutiveFailures: 1, processes: 2 });
      expect(await tencentHealth(b.baseUrl)).toMatchObject({ circuit: 'open', processes: 2 });
    } finally {
      await b.close();
    }
    expect(await tencentHealth(a.baseUrl)).toMatchObject({ circuit: 'closed', processes: 1 });
    await a.close();
  }, 30_000);
});
