/** The admins' demo panel API: steering simulated vendors, seeding and removing demo cases, refused without simulators. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResponse, DashboardResponse, DemoStatusResponse } from '@contract/api';
import { auditEvents, cases } from '../db/schema.js';
import { loginAdmin, loginNewUser, type TestSession } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';
import { startVendorSims } from '../test-support/vendor-sims.js';
import { DEMO_CASE_COUNT } from './scenarios.js';

let t: TestServer;
let admin: TestSession;
let reviewer: TestSession;
let clip: Buffer;

beforeAll(async () => {
  t = await startTestServer({ LOCAL_SCREENING: 'off' });
  admin = await loginAdmin(t);
  reviewer = await loginNewUser(t);
  clip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

async function capture(providers: string[]): Promise<CaseDetail> {
  const res = await postCapture(t.baseUrl, clip, { providers });
  expect(res.status).toBe(202);
  await t.server.runner.idle();
  return admin.get<CaseDetail>(`/api/cases/${(res.body as { caseId: string }).caseId}`);
}
const outcomeOf = (c: CaseDetail, providerId: string) => c.checks.find((k) => k.providerId === providerId)?.outcome;
const actions = async () => (await t.server.store.db.select().from(auditEvents)).map((e) => e.action);

describe('the demo panel', () => {
  it('lists the simulated vendors to admins only', async () => {
    const status = await admin.get<DemoStatusResponse>('/api/admin/demo');
    expect(status.vendors.map((v) => v.id)).toEqual(['tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn']);
    expect(status.seededCases).toBe(0);
    expect((await reviewer.fetch('/api/admin/demo')).status).toBe(403);
  });

  it("makes a vendor answer fake for its next N checks, through the simulator's control, audited", async () => {
    const res = await admin.fetch('/api/admin/demo/vendors/glair/outcomes', {
      method: 'POST',
      json: { outcome: 'fake', count: 2 },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ providerId: 'glair', outcome: 'fake', count: 2, queuedAnswers: 2 });
    for (let i = 0; i < 2; i++) {
      const c = await capture(['tencent', 'glair']);
      expect(outcomeOf(c, 'glair')).toMatchObject({ kind: 'result', verdict: 'fail' });
      expect(outcomeOf(c, 'tencent')).toMatchObject({ kind: 'result', verdict: 'pass' });
      expect(c.disagreement).toBe(true);
    }
    expect(outcomeOf(await capture(['glair']), 'glair')).toMatchObject({ kind: 'result', verdict: 'pass' });
    expect(await actions()).toContain('demo.outcome_queued');
  });

  it('makes a vendor answer an error (not retried, not an outage)', async () => {
    for (const providerId of ['tencent', 'glair', 'finauth']) {
      await admin.fetch(`/api/admin/demo/vendors/${providerId}/outcomes`, { method: 'POST', json: { outcome: 'error' } });
      const c = await capture([providerId]);
      const outcome = outcomeOf(c, providerId);
      expect(outcome?.kind, providerId).toBe('error');
      // Neither retried nor an outage nor the person's fault (server/checks/vendor-policy.ts).
      expect(['vendor_protocol', 'input'], providerId).toContain(outcome?.kind === 'error' && outcome.category);
      expect(c.checks[0]!.attempts).toBe(1);
    }
  });

  it('refuses an unknown vendor, a bad outcome and too many answers', async () => {
    const post = (providerId: string, json: unknown) =>
      admin.fetch(`/api/admin/demo/vendors/${providerId}/outcomes`, { method: 'POST', json });
    expect((await post('nobody', { outcome: 'fake' })).status).toBe(404);
    expect((await post('local', { outcome: 'fake' })).status).toBe(404);
    expect((await post('glair', { outcome: 'maybe' })).status).toBe(400);
    expect((await post('glair', { outcome: 'fake', count: 101 })).status).toBe(400);
  });

  it('seeds a labelled month of cases and removes them in one step, both audited', async () => {
    const before = (await t.server.store.db.select({ id: cases.id }).from(cases)).length;
    const seeded = await admin.fetch('/api/admin/demo/seed', { method: 'POST' });
    expect(seeded.status).toBe(201);
    expect(await seeded.json()).toEqual({ created: DEMO_CASE_COUNT });
    expect((await admin.get<DemoStatusResponse>('/api/admin/demo')).seededCases).toBe(DEMO_CASE_COUNT);

    const disagreeing = await admin.get<CaseListResponse>('/api/cases?disagreement=true&limit=100');
    expect(disagreeing.cases.some((c) => c.reference?.startsWith('DEMO-'))).toBe(true);
    const dash = await admin.get<DashboardResponse>('/api/dashboard');
    expect(dash.reviewers.map((r) => r.email)).toEqual(expect.arrayContaining(['ana.demo@example.test']));
    expect(dash.days.reduce((n, d) => n + d.retakes, 0)).toBeGreaterThan(0);
    expect(dash.headline.medianDecisionMs).toBeGreaterThan(0);

    const removed = await admin.fetch('/api/admin/demo/seed', { method: 'DELETE' });
    expect(await removed.json()).toEqual({ removed: DEMO_CASE_COUNT });
    expect((await t.server.store.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    expect(await actions()).toEqual(expect.arrayContaining(['demo.seeded', 'demo.removed']));
    expect((await reviewer.fetch('/api/admin/demo/seed', { method: 'POST' })).status).toBe(403);
  });
});

describe('without simulated vendors', () => {
  it('answers 404 demo_off to every demo route', async () => {
    const vendors = await startVendorSims();
    const live = await startTestServer(vendors.env);
    try {
      const a = await loginAdmin(live);
      for (const [method, path, json] of [
        ['GET', '/api/admin/demo', undefined],
        ['POST', '/api/admin/demo/vendors/glair/outcomes', { outcome: 'fake' }],
        ['POST', '/api/admin/demo/seed', undefined],
        ['DELETE', '/api/admin/demo/seed', undefined],
      ] as const) {
        const res = await a.fetch(path, { method, json });
        expect([path, res.status, ((await res.json()) as { code: string }).code]).toEqual([path, 404, 'demo_off']);
      }
    } finally {
      await live.close();
      await vendors.close();
    }
  });
});
