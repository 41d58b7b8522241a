/**
 * A restart loses no webhook: an event waits while the receiver is down, the server is killed
 * (SIGKILL, no shutdown), and the next server process delivers it, signed, once the receiver is up.
 * The server runs in its own process on a throwaway PostgreSQL the test reads too.
 */
import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionView } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { applications, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { spawnTestServer, type ServerProcess } from '../test-support/server-process.js';
import { recordWebhookEvent } from './outbox.js';
import { newWebhookSecret } from './signing.js';
import { startTestReceiver, type TestReceiver } from './test-receiver.js';

const pg = await startThrowawayPostgres();
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const session: SessionView = {
  id: 'ses-restart',
  status: 'completed',
  reference: 'applicant-1',
  providers: ['finauth'],
  checks: [],
  createdAt: '2026-12-06T10:00:00.000Z',
  expiresAt: '2026-12-06T10:30:00.000Z',
};

describe.skipIf(!pg)('webhook delivery across a server crash', () => {
  let store: Store | undefined;
  let server: ServerProcess | undefined;
  let receiver: TestReceiver | undefined;
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await store?.close();
  });

  it('delivers an event left pending by a killed server once the next one runs and the receiver is up', async () => {
    const env = { DATABASE_URL: pg!.url, MEDIA_LINK_SECRET: 'x'.repeat(32), WEBHOOK_ALLOW_PRIVATE: 'on', LOCAL_SCREENING: 'off' };
    store = await openStore({ databaseUrl: pg!.url });
    const port = await freePort();
    const secret = newWebhookSecret();
    await store.db.insert(applications).values({
      id: 'app-r',
      name: 'Onboarding',
      allowedProviders: ['finauth'],
      defaultProviders: ['finauth'],
      returnUrlOrigins: [],
      embedOrigins: [],
    });
    await store.db
      .insert(webhookEndpoints)
      .values({ id: 'ep-r', applicationId: 'app-r', url: `http://127.0.0.1:${port}/hook`, secret });
    const { eventId } = await store.db.transaction((tx) =>
      recordWebhookEvent(tx, { applicationId: 'app-r', type: 'session.completed', session }),
    );
    const delivery = async () =>
      (await store!.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId)))[0]!;

    // The receiver is down: the first server's attempt fails and is scheduled again.
    server = await spawnTestServer(env);
    for (let i = 0; (await delivery()).attempts === 0 || (await delivery()).status === 'delivering'; i++) {
      if (i > 200) throw new Error('the first server never tried the delivery');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await delivery()).lastError).toMatch(/ECONNREFUSED/);
    process.kill(server.pid, 'SIGKILL');
    await server.stop();

    receiver = await startTestReceiver(port);
    server = await spawnTestServer(env);
    const [got] = await receiver.waitFor(1, 30_000);
    expect(got!.headers['webhook-id']).toBe(eventId);
    expect(new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>)).toMatchObject({
      type: 'session.completed',
      data: session,
    });
    for (let i = 0; (await delivery()).status !== 'delivered'; i++) {
      if (i > 100) throw new Error('the delivery was never marked delivered');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await delivery()).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 204 });
  }, 120_000);
});
