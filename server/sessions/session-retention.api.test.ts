/**
 * A session's copies of personal data (the webhook events hold its view: reference, metadata,
 * verdicts) follow the case's retention: erased with the case on a subject's request, and purged
 * with the media after RETENTION_DAYS.
 */
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreateSessionResponse } from '@contract/api';
import { captureSessions, webhookDeliveries, webhookEvents } from '../db/schema.js';
import { createIntegrator, type Integrator } from '../test-support/integrator.js';
import { loginAdmin, type TestSession } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

const DAY = 86_400_000;
let t: TestServer;
let admin: TestSession;
let acme: Integrator;
let clip: Buffer;
beforeAll(async () => {
  t = await startTestServer({ LOCAL_SCREENING: 'off', WEBHOOK_ALLOW_PRIVATE: 'on' });
  admin = await loginAdmin(t);
  acme = await createIntegrator(t.baseUrl, admin);
  // A subscribed endpoint, so every event also has a delivery row (never reached: the worker is not started here).
  const hook = await admin.fetch(`/api/admin/applications/${acme.application.id}/webhooks`, {
    method: 'POST',
    json: { url: 'http://127.0.0.1:9/hook' },
  });
  expect(hook.status).toBe(201);
  clip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

async function submittedSession(reference: string) {
  const res = await acme.call('/api/v1/sessions', { method: 'POST', json: { reference, metadata: { email: 'a@b.example' } } });
  const session = (await res.json()) as CreateSessionResponse;
  const sent = await postCapture(t.baseUrl, clip, {}, { headers: { 'x-session-token': session.clientToken } });
  expect(sent.status).toBe(202);
  return { session, caseId: sent.body.caseId as string };
}

const eventsOf = (sessionId: string) =>
  t.server.store.db.select().from(webhookEvents).where(eq(webhookEvents.sessionId, sessionId));

it("erasing a case removes its session and the session's webhook events and deliveries", async () => {
  const { session, caseId } = await submittedSession('applicant-erase');
  const events = await eventsOf(session.id);
  expect(events.length).toBeGreaterThanOrEqual(1);
  expect(
    await t.server.store.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, events[0]!.id)),
  ).toHaveLength(1);

  expect((await admin.fetch(`/api/admin/cases/${caseId}`, { method: 'DELETE' })).status).toBe(204);
  expect(await eventsOf(session.id)).toEqual([]);
  expect(await t.server.store.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, events[0]!.id))).toEqual(
    [],
  );
  expect(await t.server.store.db.select().from(captureSessions).where(eq(captureSessions.id, session.id))).toEqual([]);
  expect((await acme.call(`/api/v1/sessions/${session.id}`)).status).toBe(404);
});

it('the retention purge removes webhook events older than RETENTION_DAYS, keeping newer ones', async () => {
  const { session } = await submittedSession('applicant-old');
  // Every event of the session first (session.completed comes when the checks finish), so none is written after the purge.
  await t.server.runner.idle();
  const [event] = await eventsOf(session.id);
  const now = event!.createdAt.getTime();
  await t.server.retention.purgeDue(new Date(now + 29 * DAY));
  expect((await eventsOf(session.id)).length).toBeGreaterThanOrEqual(1);
  await t.server.retention.purgeDue(new Date(now + 30 * DAY + 60_000));
  expect(await eventsOf(session.id)).toEqual([]);
});
