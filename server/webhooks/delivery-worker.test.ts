/** The delivery worker against a local receiver, on PGlite and, where installed, PostgreSQL. */
import { eq, sql, type SQL } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { applications, webhookDeliveries, webhookEndpoints } from '../db/schema.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createDeliveryStore } from './delivery-store.js';
import { createDeliveryWorker } from './delivery-worker.js';
import { notifyWebhookEvents } from './notifier.js';
import { recordWebhookEvent } from './outbox.js';
import { createWebhookSender } from './outgoing.js';
import { newWebhookSecret } from './signing.js';
import { startTestReceiver, type TestReceiver } from './test-receiver.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const session: SessionView = {
  id: 'ses1',
  status: 'submitted',
  reference: 'applicant-7',
  providers: ['finauth'],
  checks: [],
  createdAt: '2026-12-06T10:00:00.000Z',
  expiresAt: '2026-12-06T10:30:00.000Z',
};
const silent = { warn: () => undefined, error: () => undefined, debug: () => undefined };
const secret = newWebhookSecret();

describe.each(stores)('webhook delivery worker on %s', (_name, open) => {
  let store: Store;
  let receiver: TestReceiver;
  beforeAll(async () => {
    store = await open();
    receiver = await startTestReceiver();
    await store.db.insert(applications).values({
      id: 'app1',
      name: 'Onboarding',
      allowedProviders: ['finauth'],
      defaultProviders: ['finauth'],
      returnUrlOrigins: [],
      embedOrigins: [],
    });
    await store.db.insert(webhookEndpoints).values({ id: 'ep1', applicationId: 'app1', url: receiver.url, secret });
  }, 60_000);
  afterAll(async () => {
    await receiver.close();
    await store.close();
  });

  const worker = (random = () => 0.5) =>
    createDeliveryWorker({ db: store.db, sender: createWebhookSender({ allowPrivate: true }), log: silent, random });
  const row = async (eventId: string) =>
    (await store.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId)))[0]!;
  const reset = async () => {
    receiver.received.length = 0;
    receiver.answerWith(204);
    await store.db.execute(sql`delete from webhook_deliveries`);
  };

  it('POSTs the stored event signed for the endpoint; the standardwebhooks verifier accepts it', async () => {
    await reset();
    const { eventId } = await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.submitted', session });
    const w = worker();
    expect(await w.runOnce()).toBe(1);
    await w.stop();
    const [got] = receiver.received;
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['webhook-id']).toBe(eventId);
    const verified = new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>);
    expect(verified).toMatchObject({ type: 'session.submitted', data: session });
    const r = await row(eventId);
    expect(r).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 204, lastError: null, leaseOwner: null });
    expect(r.deliveredAt).toBeInstanceOf(Date);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a failed attempt on the back-off schedule with the same id and the same bytes', async () => {
    await reset();
    receiver.answerWith(503);
    const { eventId } = await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.completed', session });
    const w = worker(() => 0);
    await w.runOnce();
    let r = await row(eventId);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 503, lastError: 'HTTP 503' });
    // random 0: the first retry waits 5 s − 20 %.
    const wait = r.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(2_500);
    expect(wait).toBeLessThanOrEqual(4_000);
    expect(await w.runOnce()).toBe(0); // not due yet
    receiver.answerWith(200);
    await store.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(webhookDeliveries.eventId, eventId));
    expect(await w.runOnce()).toBe(1);
    await w.stop();
    r = await row(eventId);
    expect(r).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 200, lastError: null });
    const [first, second] = receiver.received;
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>)).toBeTruthy();
  });

  it('gives up (failed) on a failure once the delivery is older than 24 h', async () => {
    await reset();
    receiver.answerWith(500);
    const { eventId } = await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.decided', session });
    await store.db
      .update(webhookDeliveries)
      .set({ createdAt: sql`now() - interval '25 hours'`, attempts: 10 })
      .where(eq(webhookDeliveries.eventId, eventId));
    const w = worker();
    await w.runOnce();
    await w.stop();
    expect(await row(eventId)).toMatchObject({ status: 'failed', attempts: 11, lastError: 'HTTP 500' });
  });

  it('takes over a delivery whose lease ran out, never one whose lease is live', async () => {
    await reset();
    const { eventId } = await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.expired', session });
    const lease = (until: SQL) =>
      store.db
        .update(webhookDeliveries)
        .set({ status: 'delivering', leaseOwner: 'dead-worker', leaseUntil: until, attempts: 1 })
        .where(eq(webhookDeliveries.eventId, eventId));
    await lease(sql`now() + interval '1 minute'`);
    const w = worker();
    expect(await w.runOnce()).toBe(0);
    await lease(sql`now() - interval '1 second'`);
    expect(await w.runOnce()).toBe(1);
    await w.stop();
    expect(await row(eventId)).toMatchObject({ status: 'delivered', attempts: 2, leaseOwner: null });
  });

  it('lets concurrent claimers share the due deliveries without taking one twice', async () => {
    await reset();
    for (let i = 0; i < 12; i++)
      await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.submitted', session });
    const deliveries = createDeliveryStore(store.db);
    const claims = await Promise.all([1, 2, 3].map((n) => deliveries.claimDue(`worker-${n}`, 12, 60_000)));
    const ids = claims.flat().map((d) => d.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('starts an attempt at once when an event is recorded, without waiting for the next poll', async () => {
    await reset();
    const w = createDeliveryWorker({
      db: store.db,
      sender: createWebhookSender({ allowPrivate: true }),
      log: silent,
      pollMs: 3_600_000,
    });
    w.start();
    await new Promise((r) => setTimeout(r, 100)); // the start-up pass has found nothing
    const { eventId } = await store.db.transaction((tx) =>
      recordWebhookEvent(tx, { applicationId: 'app1', type: 'session.submitted', session }),
    );
    notifyWebhookEvents(); // after the commit, as callers do
    const [got] = await receiver.waitFor(1, 5_000);
    await w.stop();
    expect(got!.headers['webhook-id']).toBe(eventId);
  });

  it('gives up on a delivery whose endpoint was disabled meanwhile', async () => {
    await reset();
    const { eventId } = await recordWebhookEvent(store.db, { applicationId: 'app1', type: 'session.submitted', session });
    await store.db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, 'ep1'));
    const w = worker();
    await w.runOnce();
    await w.stop();
    await store.db.update(webhookEndpoints).set({ enabled: true }).where(eq(webhookEndpoints.id, 'ep1'));
    expect(await row(eventId)).toMatchObject({ status: 'failed', lastError: 'endpoint disabled' });
    expect(receiver.received).toEqual([]);
  });
});
