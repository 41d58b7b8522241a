/** Webhook admin routes, delivery log, redelivery and a case's deliveries, against a running server and a local receiver. */
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebhookResponseSchema,
  webhookDeliveryListResponseSchema,
  webhookDeliveryViewSchema,
  webhookEndpointViewSchema,
  type CreateWebhookResponse,
  type SessionView,
  type WebhookDeliveryListResponse,
  type WebhookDeliveryView,
} from '@contract/api';
import type { z } from 'zod';
import { createCaseRepository } from '../cases/repository.js';
import { applications, auditEvents, cases } from '../db/schema.js';
import { loginAdmin, loginNewUser, type TestSession } from '../test-support/session.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { recordWebhookEvent } from './outbox.js';
import { startTestReceiver, type TestReceiver } from './test-receiver.js';

let t: TestServer;
let admin: TestSession;
let receiver: TestReceiver;
let logs = '';

/** The answer is in the contract's shape and loses nothing when parsed with it. */
function inContract<T>(schema: z.ZodType<T>, value: unknown): T {
  expect(schema.parse(value)).toEqual(value);
  return value as T;
}

const session: SessionView = {
  id: 'ses-api-1',
  status: 'submitted',
  reference: 'applicant-9',
  providers: ['finauth'],
  checks: [],
  createdAt: '2026-12-06T10:00:00.000Z',
  expiresAt: '2026-12-06T10:30:00.000Z',
};

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (c: Buffer) => (logs += c.toString()));
  t = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: 'on', LOG_LEVEL: 'info' }, { logStream });
  admin = await loginAdmin(t);
  receiver = await startTestReceiver();
  await t.server.store.db.insert(applications).values({
    id: 'app-1',
    name: 'Onboarding',
    allowedProviders: ['finauth'],
    defaultProviders: ['finauth'],
    returnUrlOrigins: [],
    embedOrigins: [],
  });
}, 60_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const record = (type: 'session.submitted' | 'session.decided' = 'session.submitted') =>
  recordWebhookEvent(t.server.store.db, { applicationId: 'app-1', type, session });

async function createEndpoint(body: unknown): Promise<CreateWebhookResponse> {
  const res = await admin.fetch('/api/admin/applications/app-1/webhooks', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return inContract(createWebhookResponseSchema, await res.json());
}

async function waitForDelivery(webhookId: string, predicate: (d: WebhookDeliveryView[]) => boolean) {
  for (let i = 0; i < 200; i++) {
    const page = await admin.get<WebhookDeliveryListResponse>(`/api/admin/applications/app-1/webhooks/${webhookId}/deliveries`);
    if (predicate(page.deliveries)) return inContract(webhookDeliveryListResponseSchema, page).deliveries;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the delivery log never showed the expected state');
}

describe('webhook endpoints (admin)', () => {
  let endpoint: CreateWebhookResponse;

  it('creates an endpoint and shows its whsec_ secret once; the audit record holds neither secret nor path', async () => {
    endpoint = await createEndpoint({ url: `${receiver.url}?token=receiver-token` });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const audit = await t.server.store.db.select().from(auditEvents).where(eq(auditEvents.action, 'webhook.created'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain(endpoint.secret);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('receiver-token');
    expect(audit[0]!.detail).toMatchObject({
      applicationId: 'app-1',
      webhookId: endpoint.id,
      origin: new URL(receiver.url).origin,
    });
  });

  it('delivers a recorded event signed with that secret, and logs the attempt', async () => {
    const { eventId } = await record();
    const [got] = await receiver.waitFor(1);
    expect(got!.headers['webhook-id']).toBe(eventId);
    expect(new Webhook(endpoint.secret).verify(got!.body, got!.headers as Record<string, string>)).toMatchObject({
      type: 'session.submitted',
      data: session,
    });
    const [d] = await waitForDelivery(endpoint.id, (ds) => ds[0]?.status === 'delivered');
    expect(d).toMatchObject({ eventId, eventType: 'session.submitted', sessionId: session.id, attempts: 1, responseStatus: 204 });
    expect(d!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('redelivers: a new attempt now, with the same webhook-id and the same body', async () => {
    const [first] = (
      await admin.get<WebhookDeliveryListResponse>(`/api/admin/applications/app-1/webhooks/${endpoint.id}/deliveries`)
    ).deliveries;
    const res = await admin.fetch(`/api/admin/webhook-deliveries/${first!.id}/redeliver`, { method: 'POST' });
    expect(res.status).toBe(201);
    const again: WebhookDeliveryView = inContract(webhookDeliveryViewSchema, await res.json());
    expect(again).toMatchObject({ eventId: first!.eventId, status: 'pending', attempts: 0 });
    expect(again.id).not.toBe(first!.id);
    const [a, b] = await receiver.waitFor(2);
    expect(b!.body).toBe(a!.body);
    expect(b!.headers['webhook-id']).toBe(a!.headers['webhook-id']);
    await waitForDelivery(endpoint.id, (ds) => ds.length === 2 && ds.every((d) => d.status === 'delivered'));
    expect((await admin.fetch('/api/admin/webhook-deliveries/nope/redeliver', { method: 'POST' })).status).toBe(404);
  });

  it('pages the delivery log with a cursor, newest first', async () => {
    const path = `/api/admin/applications/app-1/webhooks/${endpoint.id}/deliveries`;
    const page1 = await admin.get<WebhookDeliveryListResponse>(`${path}?limit=1`);
    expect(page1.deliveries).toHaveLength(1);
    const page2 = await admin.get<WebhookDeliveryListResponse>(`${path}?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.deliveries).toHaveLength(1);
    expect(page2.nextCursor).toBeUndefined();
    expect(page2.deliveries[0]!.id).not.toBe(page1.deliveries[0]!.id);
    expect(Date.parse(page2.deliveries[0]!.createdAt)).toBeLessThanOrEqual(Date.parse(page1.deliveries[0]!.createdAt));
    expect((await admin.fetch(`${path}?cursor=garbage`)).status).toBe(400);
    expect((await admin.fetch(`${path}?limit=1000`)).status).toBe(400);
  });

  it('disables an endpoint and filters events with PATCH', async () => {
    const path = `/api/admin/applications/app-1/webhooks/${endpoint.id}`;
    let res = await admin.fetch(path, { method: 'PATCH', json: { enabled: false } });
    expect(res.status).toBe(200);
    expect(inContract(webhookEndpointViewSchema, await res.json())).toMatchObject({ id: endpoint.id, enabled: false });
    expect((await record()).deliveries).toBe(0);
    res = await admin.fetch(path, { method: 'PATCH', json: { enabled: true, events: ['session.decided'] } });
    expect(await res.json()).toMatchObject({ enabled: true, events: ['session.decided'] });
    expect((await record('session.submitted')).deliveries).toBe(0);
    expect((await record('session.decided')).deliveries).toBe(1);
    res = await admin.fetch(path, { method: 'PATCH', json: { events: null } });
    expect((await res.json()) as object).not.toHaveProperty('events');
    expect((await admin.fetch(path, { method: 'PATCH', json: { events: ['session.nope'] } })).status).toBe(400);
  });

  it('answers 404 for an unknown application or endpoint, 400 for a bad body', async () => {
    expect(
      (await admin.fetch('/api/admin/applications/nope/webhooks', { method: 'POST', json: { url: receiver.url } })).status,
    ).toBe(404);
    expect((await admin.fetch('/api/admin/applications/app-1/webhooks/nope', { method: 'PATCH', json: {} })).status).toBe(404);
    expect((await admin.fetch('/api/admin/applications/nope/webhooks/x/deliveries')).status).toBe(404);
    const bad = await admin.fetch('/api/admin/applications/app-1/webhooks', { method: 'POST', json: { url: 'not a url' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_request' });
    const ftp = await admin.fetch('/api/admin/applications/app-1/webhooks', {
      method: 'POST',
      json: { url: 'ftp://x.example/h' },
    });
    expect(await ftp.json()).toMatchObject({ code: 'invalid_webhook_url' });
  });

  it('refuses reviewers on the admin routes', async () => {
    const reviewer = await loginNewUser(t, 'reviewer');
    expect(
      (await reviewer.fetch('/api/admin/applications/app-1/webhooks', { method: 'POST', json: { url: receiver.url } })).status,
    ).toBe(403);
    expect((await reviewer.fetch(`/api/admin/applications/app-1/webhooks/${endpoint.id}/deliveries`)).status).toBe(403);
  });

  it("shows reviewers a case's webhook deliveries (its session's)", async () => {
    const repo = createCaseRepository(t.server.store.db, {});
    await repo.create({ id: 'case-wh', captureTokenHash: 'h', telemetry: {}, media: [], checks: [] });
    await repo.create({ id: 'case-plain', captureTokenHash: 'h', telemetry: {}, media: [], checks: [] });
    await t.server.store.db.update(cases).set({ sessionId: session.id }).where(eq(cases.id, 'case-wh'));
    const reviewer = await loginNewUser(t, 'reviewer');
    const list = inContract(
      webhookDeliveryListResponseSchema,
      await reviewer.get<WebhookDeliveryListResponse>('/api/cases/case-wh/webhook-deliveries'),
    );
    expect(list.deliveries.length).toBeGreaterThanOrEqual(3);
    expect(list.deliveries.every((d) => d.sessionId === session.id)).toBe(true);
    expect((await reviewer.get<WebhookDeliveryListResponse>('/api/cases/case-plain/webhook-deliveries')).deliveries).toEqual([]);
    expect((await reviewer.fetch('/api/cases/nope/webhook-deliveries')).status).toBe(404);
  });

  it('deletes an endpoint (then 404) and never logs a secret', async () => {
    const path = `/api/admin/applications/app-1/webhooks/${endpoint.id}`;
    expect((await admin.fetch(path, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.fetch(path, { method: 'DELETE' })).status).toBe(404);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(endpoint.secret);
    expect(logs).not.toContain(endpoint.secret.slice('whsec_'.length));
  });
});

describe('webhook URL check at creation without WEBHOOK_ALLOW_PRIVATE', () => {
  let strict: TestServer;
  let strictAdmin: TestSession;
  beforeAll(async () => {
    strict = await startTestServer({}, { store: t.server.store });
    strictAdmin = await loginAdmin(strict);
  });
  afterAll(() => strict.close());

  it.each([
    ['http://hooks.example.com/h', /https/],
    ['https://127.0.0.1/h', /loopback/],
    ['https://[::1]/h', /loopback/],
    ['https://[::ffff:10.0.0.1]/h', /private/],
    ['https://169.254.169.254/latest/meta-data/', /link-local/],
  ])('refuses %s with 400 invalid_webhook_url', async (url, why) => {
    const res = await strictAdmin.fetch('/api/admin/applications/app-1/webhooks', { method: 'POST', json: { url } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('invalid_webhook_url');
    expect(body.message).toMatch(why);
  });

  it('accepts a public https URL', async () => {
    const res = await strictAdmin.fetch('/api/admin/applications/app-1/webhooks', {
      method: 'POST',
      json: { url: 'https://hooks.example.com/h', events: ['session.completed'] },
    });
    expect(res.status).toBe(201);
  });
});
