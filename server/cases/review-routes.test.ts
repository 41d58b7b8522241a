/** The reviewer API end to end: take-next, decisions, re-runs, audit timeline, retention, deletion, dashboard. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResponse, CaseDetail, CheckView, DashboardResponse, DecisionView } from '@contract/api';
import { loginAdmin, loginNewUser, type TestSession } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let reviewer: TestSession;
let clip: Buffer;
beforeAll(async () => {
  t = await startTestServer({ RETENTION_DAYS: '30' });
  reviewer = await loginNewUser(t);
  clip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

async function newCase(bytes: Buffer = clip): Promise<string> {
  const res = await postCapture(t.baseUrl, bytes, { providers: ['tencent'] });
  expect(res.status).toBe(202);
  await t.server.runner.idle();
  return (res.body as { caseId: string }).caseId;
}

const DAY = 86_400_000;

describe('review of one case', () => {
  it('takes the case, records a decision with its reason, and shows the whole story in the audit timeline', async () => {
    const caseId = await newCase();
    const taken = await reviewer.fetch('/api/cases/take-next', { method: 'POST' });
    expect(taken.status).toBe(200);
    expect(await taken.json()).toEqual({ caseId });

    const detail = await reviewer.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail).toMatchObject({ reviewStatus: 'in_review', assignee: { id: reviewer.user.id }, mediaPurged: false });
    expect(Date.parse(detail.mediaExpiresAt!) - Date.parse(detail.createdAt)).toBe(30 * DAY);
    // Read the clip to the end: an unread body keeps its connection busy and the server from closing.
    expect((await (await reviewer.fetch(detail.media[0]!.url)).arrayBuffer()).byteLength).toBe(clip.length);

    const bad = await reviewer.fetch(`/api/cases/${caseId}/decisions`, {
      method: 'POST',
      json: { decision: 'approve', reasonCode: 'deepfake_suspected' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_request' });
    const long = await reviewer.fetch(`/api/cases/${caseId}/decisions`, {
      method: 'POST',
      json: { decision: 'approve', reasonCode: 'other', note: 'x'.repeat(2001) },
    });
    expect(long.status).toBe(400);
    const ok = await reviewer.fetch(`/api/cases/${caseId}/decisions`, {
      method: 'POST',
      json: { decision: 'approve', reasonCode: 'genuine_person', note: ' looks real ' },
    });
    expect(ok.status).toBe(201);
    const decision = (await ok.json()) as DecisionView;
    expect(decision).toMatchObject({
      decision: 'approve',
      reasonCode: 'genuine_person',
      note: 'looks real',
      by: { id: reviewer.user.id },
    });
    const after = await reviewer.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(after).toMatchObject({ reviewStatus: 'decided', decision: 'approve', decisions: [decision] });
    expect((await reviewer.fetch('/api/cases/take-next', { method: 'POST' })).status).toBe(204);
    expect(
      (await reviewer.fetch('/api/cases/nope/decisions', { method: 'POST', json: { decision: 'approve', reasonCode: 'other' } }))
        .status,
    ).toBe(404);

    const { events } = await reviewer.get<AuditListResponse>(`/api/cases/${caseId}/audit`);
    expect(events.map((e) => e.action)).toEqual([
      'case.created',
      'check.started',
      'check.finished',
      'case.assigned',
      'case.viewed',
      'media.viewed',
      'decision.recorded',
      // The second look within minutes is not recorded again.
    ]);
    expect(events[0]!.actor).toEqual({ type: 'capture' });
    expect(events[2]).toMatchObject({ actor: { type: 'system' }, detail: { providerId: 'tencent', verdict: 'pass' } });
    expect(Number(events[2]!.detail.latencyMs)).toBeGreaterThanOrEqual(0);
    expect(events[6]).toMatchObject({
      actor: { type: 'user', id: reviewer.user.id, email: reviewer.user.email },
      detail: { reasonCode: 'genuine_person' },
    });
    expect((await reviewer.fetch('/api/cases/nope/audit')).status).toBe(404);
  });

  it('re-runs a vendor on the stored clip (202), refusing vendors the clip does not fit (422)', async () => {
    const caseId = await newCase();
    const res = await reviewer.fetch(`/api/cases/${caseId}/reruns`, { method: 'POST', json: { providerId: 'tencent' } });
    expect(res.status).toBe(202);
    const check = (await res.json()) as CheckView;
    expect(check).toMatchObject({ providerId: 'tencent', status: 'pending' });
    await t.server.runner.idle();
    const detail = await reviewer.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(detail.checks).toHaveLength(2);
    expect(detail.checks.find((c) => c.id === check.id)).toMatchObject({ status: 'done', outcome: { kind: 'result' } });

    // The 5 s clip is beyond DeepfakeDetectIntl's 1–3 s.
    const misfit = await reviewer.fetch(`/api/cases/${caseId}/reruns`, { method: 'POST', json: { providerId: 'alibaba-intl' } });
    expect(misfit.status).toBe(422);
    expect(await misfit.json()).toMatchObject({ code: 'media_out_of_limits' });
    const unknown = await reviewer.fetch(`/api/cases/${caseId}/reruns`, { method: 'POST', json: { providerId: 'acme' } });
    expect(unknown.status).toBe(400);
    const actions = (await reviewer.get<AuditListResponse>(`/api/cases/${caseId}/audit`)).events.map((e) => e.action);
    expect(actions.filter((a) => a === 'check.rerun_requested')).toHaveLength(1);
    expect(actions.filter((a) => a === 'check.finished')).toHaveLength(2);
  });
});

describe('retention and deletion', () => {
  it('purges media after RETENTION_DAYS, keeping shared bytes, checks, decisions and audit; re-runs then get 409', async () => {
    const shared = await newCase();
    const twin = await newCase(); // the same bytes: one file in the content store
    const before = await reviewer.get<CaseDetail>(`/api/cases/${shared}`);
    const file = path.join(t.dataDir, 'media', before.media[0]!.sha256.slice(0, 2), before.media[0]!.sha256);
    await reviewer.fetch(`/api/cases/${shared}/decisions`, { method: 'POST', json: { decision: 'reject', reasonCode: 'other' } });

    const createdAt = Date.parse(before.createdAt);
    expect(await t.server.retention.purgeDue(new Date(createdAt + 29 * DAY))).toBe(0);
    // Make the twin's media outlive the first case's: only `shared` is due.
    await t.server.store.db.execute(
      (await import('drizzle-orm')).sql`update cases set media_expires_at = now() + interval '365 days' where id = ${twin}`,
    );
    expect(await t.server.retention.purgeDue(new Date(createdAt + 30 * DAY + 1000))).toBeGreaterThanOrEqual(1);

    const purged = await reviewer.get<CaseDetail>(`/api/cases/${shared}`);
    expect(purged).toMatchObject({ mediaPurged: true, media: [], decision: 'reject', checks: [{ status: 'done' }] });
    expect(purged.mediaExpiresAt).toBeUndefined();
    expect(existsSync(file)).toBe(true); // still referenced by the twin
    const gone = await reviewer.fetch(before.media[0]!.url);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ code: 'media_purged' });
    const rerun = await reviewer.fetch(`/api/cases/${shared}/reruns`, { method: 'POST', json: { providerId: 'tencent' } });
    expect(rerun.status).toBe(409);
    expect(await rerun.json()).toMatchObject({ code: 'media_purged' });
    const audit = await reviewer.get<AuditListResponse>(`/api/cases/${shared}/audit`);
    expect(audit.events.find((e) => e.action === 'media.purged')).toMatchObject({
      action: 'media.purged',
      actor: { type: 'system' },
      detail: { reason: 'retention', filesRemoved: 0 },
    });

    // The last case holding the bytes goes: now the file goes too.
    const admin = await loginAdmin(t);
    expect((await reviewer.fetch(`/api/admin/cases/${twin}`, { method: 'DELETE' })).status).toBe(403);
    expect((await admin.fetch(`/api/admin/cases/${twin}`, { method: 'DELETE' })).status).toBe(204);
    expect(existsSync(file)).toBe(false);
    expect((await admin.fetch(`/api/cases/${twin}`)).status).toBe(404);
    expect((await admin.fetch(`/api/admin/cases/${twin}`, { method: 'DELETE' })).status).toBe(404);
    const kept = await admin.get<AuditListResponse>(`/api/cases/${twin}/audit`);
    expect(kept.events.at(-1)).toMatchObject({
      action: 'case.deleted',
      actor: { type: 'user', id: admin.user.id },
      detail: { filesRemoved: 1 },
    });
  });
});

describe('GET /api/dashboard', () => {
  it('reports daily volumes, vendor latency and error rate, and agreement with reviewers', async () => {
    const dash = await reviewer.get<DashboardResponse>('/api/dashboard');
    const today = new Date().toISOString().slice(0, 10);
    expect(dash.days.length).toBeGreaterThanOrEqual(30);
    const day = dash.days.find((d) => d.day === today)!;
    expect(day.cases).toBeGreaterThanOrEqual(3);
    expect(day.verdicts.pass).toBeGreaterThanOrEqual(3);
    expect(day.decisions.approve).toBe(1);
    const tencent = dash.vendors.find((v) => v.providerId === 'tencent')!;
    expect(tencent).toMatchObject({ errors: 0, errorRate: 0 });
    expect(tencent.latencyMsP95!).toBeGreaterThanOrEqual(tencent.latencyMsP50!);
    expect(dash.agreement.vendorVsReviewer).toEqual([{ providerId: 'tencent', cases: 2, agreed: 1 }]);
    expect((await reviewer.fetch('/api/dashboard?from=yesterday')).status).toBe(400);
  });
});

describe('the purge timer', () => {
  it('runs every PURGE_INTERVAL_MINUTES and purges media once RETENTION_DAYS have passed', async () => {
    // ~0.9 s retention, checked every ~120 ms: nobody calls purgeDue here but the timer.
    const quick = await startTestServer(
      { RETENTION_DAYS: '0.00001', PURGE_INTERVAL_MINUTES: '0.002' },
      { store: t.server.store },
    );
    try {
      const res = await postCapture(quick.baseUrl, clip, { providers: ['tencent'] });
      const { caseId } = res.body as { caseId: string };
      await quick.server.runner.idle();
      const admin = await loginAdmin(quick);
      await expect
        .poll(async () => (await admin.get<CaseDetail>(`/api/cases/${caseId}`)).mediaPurged, { timeout: 10_000, interval: 200 })
        .toBe(true);
      expect(await quick.mediaFiles()).toEqual([]);
    } finally {
      await quick.close();
    }
  });
});
