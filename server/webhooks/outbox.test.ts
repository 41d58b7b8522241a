import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { applications, webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema.js';
import { recordWebhookEvent } from './outbox.js';

let store: Store;
beforeAll(async () => {
  store = await openStore({});
  await store.db.insert(applications).values({
    id: 'app1',
    name: 'Onboarding',
    allowedProviders: ['finauth'],
    defaultProviders: ['finauth'],
    returnUrlOrigins: [],
    embedOrigins: [],
  });
  await store.db.insert(webhookEndpoints).values([
    { id: 'all', applicationId: 'app1', url: 'https://a.example/hook', secret: 'whsec_x' },
    { id: 'decided-only', applicationId: 'app1', url: 'https://b.example/hook', secret: 'whsec_y', events: ['session.decided'] },
    { id: 'off', applicationId: 'app1', url: 'https://c.example/hook', secret: 'whsec_z', enabled: false },
  ]);
}, 60_000);
afterAll(() => store.close());

const session: SessionView = {
  id: 'ses1',
  status: 'submitted',
  reference: 'applicant-7',
  providers: ['finauth'],
  checks: [],
  createdAt: '2026-12-06T10:00:00.000Z',
  expiresAt: '2026-12-06T10:30:00.000Z',
};

describe('recordWebhookEvent', () => {
  it('stores the body once and one delivery per enabled, subscribed endpoint', async () => {
    const at = new Date('2026-12-06T10:05:00.000Z');
    const { eventId, deliveries } = await store.db.transaction((tx) =>
      recordWebhookEvent(tx, { applicationId: 'app1', type: 'session.submitted', session, at }),
    );
    expect(eventId).toMatch(/^msg_[\w-]{22}$/);
    expect(deliveries).toBe(1);
    const [event] = await store.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
    expect(event?.payload).toEqual({ type: 'session.submitted', timestamp: at.toISOString(), data: session });
    const rows = await store.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
    expect(rows.map((r) => [r.endpointId, r.status])).toEqual([['all', 'pending']]);
  });

  it('fans a decided event out to the endpoint that filters for it too', async () => {
    const { deliveries } = await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.decided', session });
    expect(deliveries).toBe(2);
  });

  it('leaves nothing behind when the transaction that caused it rolls back', async () => {
    const before = (await store.db.select().from(webhookEvents)).length;
    await expect(
      store.db.transaction(async (tx) => {
        await recordWebhookEvent(tx, { applicationId: 'app1', type: 'session.expired', session });
        throw new Error('the session change failed');
      }),
    ).rejects.toThrow('the session change failed');
    expect((await store.db.select().from(webhookEvents)).length).toBe(before);
  });
});
