/**
 * The integrator path end to end: an application and key (admin), a session (/api/v1), the capture
 * page's view of it, the one upload through it, the vendor checks, a reviewer's decision, and the
 * webhook outbox rows written with each change.
 */
import { readFile } from 'node:fs/promises';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDetail,
  CaseListResponse,
  CreateSessionResponse,
  SessionCaptureConfig,
  SessionListResponse,
  SessionView,
} from '@contract/api';
import { captureSessions, webhookEvents } from '../db/schema.js';
import { createIntegrator, APP_ORIGIN, type Integrator } from '../test-support/integrator.js';
import { loginAdmin, type TestSession } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let admin: TestSession;
let acme: Integrator;
let other: Integrator;
let clip: Buffer;
beforeAll(async () => {
  t = await startTestServer({ LOCAL_SCREENING: 'off' });
  admin = await loginAdmin(t);
  acme = await createIntegrator(t.baseUrl, admin);
  other = await createIntegrator(t.baseUrl, admin, { name: 'Other' });
  clip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

async function newSession(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await acme.call('/api/v1/sessions', { method: 'POST', json: { reference: 'applicant-1', ...body }, headers });
  return { status: res.status, body: (await res.json()) as CreateSessionResponse & { code?: string } };
}

const eventsOf = (sessionId: string) =>
  t.server.store.db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.sessionId, sessionId))
    .orderBy(asc(webhookEvents.createdAt));

const upload = (token: string, headers: Record<string, string> = {}, meta: Record<string, unknown> = {}) =>
  postCapture(t.baseUrl, clip, meta, { headers: { 'x-session-token': token, ...headers } });

describe('POST /api/v1/sessions', () => {
  it('refuses a missing, unknown or malformed API key with 401 invalid_api_key', async () => {
    for (const authorization of [undefined, 'Bearer sk_' + 'x'.repeat(43), 'Basic abc', acme.key.key]) {
      const res = await fetch(`${t.baseUrl}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: '{"reference":"a"}',
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('invalid_api_key');
    }
  });

  it('creates a session with the default providers, a capture link and a 30-minute expiry', async () => {
    const before = Date.now();
    const { status, body } = await newSession({ metadata: { plan: 'gold' } });
    expect(status).toBe(201);
    expect(body.url).toBe(`${t.baseUrl}/s/${body.clientToken}`);
    expect(Date.parse(body.expiresAt) - before).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    const view = (await (await acme.call(`/api/v1/sessions/${body.id}`)).json()) as SessionView;
    expect(view).toMatchObject({
      id: body.id,
      status: 'created',
      reference: 'applicant-1',
      providers: ['tencent'],
      metadata: { plan: 'gold' },
    });
    const [row] = await t.server.store.db.select().from(captureSessions).where(eq(captureSessions.id, body.id));
    expect(JSON.stringify(row)).not.toContain(body.clientToken);
  });

  it('answers a repeated Idempotency-Key with the same session, and 409 for another body', async () => {
    const headers = { 'idempotency-key': 'create-applicant-2' };
    const first = await newSession({ reference: 'applicant-2' }, headers);
    const again = await newSession({ reference: 'applicant-2' }, headers);
    expect(first.status).toBe(201);
    expect(again).toEqual({ status: 200, body: first.body });
    const clash = await newSession({ reference: 'applicant-3' }, headers);
    expect(clash).toMatchObject({ status: 409, body: { code: 'idempotency_conflict' } });
  });

  it.each([
    [{ providers: ['glair'] }, 400, 'provider_not_allowed'],
    [{ returnUrl: 'https://evil.example/back' }, 400, 'return_url_not_allowed'],
    [{ metadata: { blob: 'x'.repeat(5000) } }, 400, 'metadata_too_large'],
    [{ reference: 'r'.repeat(129) }, 400, 'invalid_request'],
    [{ expiresInMinutes: 7 * 24 * 60 + 1 }, 400, 'invalid_request'],
  ])('refuses %j with %i %s', async (body, status, code) => {
    expect(await newSession(body)).toMatchObject({ status, body: { code } });
  });
});

describe('isolation between applications', () => {
  it('answers 404 not_found for another application’s session, and lists only its own', async () => {
    const { body } = await newSession({ reference: 'shared-ref' });
    expect((await other.call(`/api/v1/sessions/${body.id}`)).status).toBe(404);
    expect((await other.call(`/api/v1/sessions/${body.id}/cancel`, { method: 'POST' })).status).toBe(404);
    const theirs = (await (await other.call('/api/v1/sessions?reference=shared-ref')).json()) as SessionListResponse;
    expect(theirs.sessions).toEqual([]);
  });

  it('pages a reference’s sessions newest first with a cursor', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await newSession({ reference: 'paged' })).body.id);
    const first = (await (await acme.call('/api/v1/sessions?reference=paged&limit=2')).json()) as SessionListResponse;
    expect(first.sessions.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const second = (await (
      await acme.call(`/api/v1/sessions?reference=paged&limit=2&cursor=${first.nextCursor}`)
    ).json()) as SessionListResponse;
    expect(second).toEqual({ sessions: [expect.objectContaining({ id: ids[0] })] });
  });
});

describe('a session from link to decision', () => {
  it('opens, takes one upload, completes, is decided — each change with its webhook event', async () => {
    const { body: created } = await newSession({ reference: 'applicant-9', returnUrl: `${APP_ORIGIN}/done`, locale: 'id' });
    const config = (await (
      await fetch(`${t.baseUrl}/api/session-capture/${created.clientToken}`)
    ).json()) as SessionCaptureConfig;
    expect(config).toEqual({
      sessionId: created.id,
      status: 'opened',
      providers: ['tencent'],
      locale: 'id',
      returnUrl: `${APP_ORIGIN}/done`,
      embedOrigins: [APP_ORIGIN],
      expiresAt: created.expiresAt,
    });
    const statusOf = async () => (await fetch(`${t.baseUrl}/api/session-capture/${created.clientToken}/status`)).json();
    expect(await statusOf()).toEqual({ status: 'opened', opens: 1 });
    // A second device opening the link (the phone after a QR hand-off) shows in the count, not the status.
    await fetch(`${t.baseUrl}/api/session-capture/${created.clientToken}`);
    expect(await statusOf()).toEqual({ status: 'opened', opens: 2 });

    expect(await upload(created.clientToken, {}, { providers: ['finauth'] })).toMatchObject({
      status: 400,
      body: { code: 'providers_mismatch' },
    });
    const sent = await upload(created.clientToken, { 'idempotency-key': 'upload-key-1' });
    expect(sent.status).toBe(202);
    const caseId = sent.body.caseId as string;
    const events = await eventsOf(created.id);
    expect(events.map((e) => [e.type, e.payload.data.status])).toEqual([['session.submitted', 'submitted']]);

    // The retry of the same upload finds its case; any other upload is refused.
    expect(await upload(created.clientToken, { 'idempotency-key': 'upload-key-1' })).toMatchObject({
      status: 200,
      body: { caseId },
    });
    expect(await upload(created.clientToken, { 'idempotency-key': 'upload-key-2' })).toMatchObject({
      status: 409,
      body: { code: 'session_used' },
    });
    expect(await upload(created.clientToken)).toMatchObject({ status: 409, body: { code: 'session_used' } });
    expect((await acme.call(`/api/v1/sessions/${created.id}/cancel`, { method: 'POST' })).status).toBe(409);

    await t.server.runner.idle();
    const done = (await (await acme.call(`/api/v1/sessions/${created.id}`)).json()) as SessionView;
    expect(done).toMatchObject({
      status: 'completed',
      caseId,
      checks: [{ providerId: 'tencent', mode: 'simulated', status: 'done' }],
    });
    expect(done.checks[0]!.verdict).toBeDefined();
    expect((await eventsOf(created.id)).map((e) => e.type)).toEqual(['session.submitted', 'session.completed']);

    const detail = await admin.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail).toMatchObject({
      application: { id: acme.application.id, name: 'Onboarding' },
      reference: 'applicant-9',
      session: { id: created.id, status: 'completed' },
    });
    const listed = await admin.get<CaseListResponse>(`/api/cases?reference=applicant-9&applicationId=${acme.application.id}`);
    expect(listed.cases.map((c) => [c.id, c.reference, c.application?.name])).toEqual([[caseId, 'applicant-9', 'Onboarding']]);
    expect((await admin.get<CaseListResponse>(`/api/cases?applicationId=${other.application.id}`)).cases).toEqual([]);

    const decided = await admin.fetch(`/api/cases/${caseId}/decisions`, {
      method: 'POST',
      json: { decision: 'approve', reasonCode: 'genuine_person' },
    });
    expect(decided.status).toBe(201);
    const final = (await (await acme.call(`/api/v1/sessions/${created.id}`)).json()) as SessionView;
    expect(final).toMatchObject({ status: 'decided', decision: { decision: 'approve', reasonCode: 'genuine_person' } });
    const all = await eventsOf(created.id);
    expect(all.map((e) => e.type)).toEqual(['session.submitted', 'session.completed', 'session.decided']);
    expect(all[2]!.payload.data).toEqual(final);
  });

  it('refuses uploads to unknown, cancelled and expired sessions (404 / 410) and expires unused ones with an event', async () => {
    expect(await upload('cs_unknown')).toMatchObject({ status: 404, body: { code: 'session_not_found' } });

    const { body: cancelled } = await newSession();
    const res = await acme.call(`/api/v1/sessions/${cancelled.id}/cancel`, { method: 'POST' });
    expect(((await res.json()) as SessionView).status).toBe('cancelled');
    expect(await upload(cancelled.clientToken)).toMatchObject({ status: 410, body: { code: 'session_cancelled' } });
    expect((await fetch(`${t.baseUrl}/api/session-capture/${cancelled.clientToken}`)).status).toBe(410);

    const { body: stale } = await newSession();
    await t.server.store.db
      .update(captureSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(captureSessions.id, stale.id));
    expect(((await (await acme.call(`/api/v1/sessions/${stale.id}`)).json()) as SessionView).status).toBe('expired');
    expect(await upload(stale.clientToken)).toMatchObject({ status: 410, body: { code: 'session_expired' } });
    expect(await t.server.integrations.sessions.expireDue()).toBeGreaterThanOrEqual(1);
    expect((await eventsOf(stale.id)).map((e) => [e.type, e.payload.data.status])).toEqual([['session.expired', 'expired']]);
  });
});
