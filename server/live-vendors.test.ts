/**
 * The proxy configured exactly as for live vendors (credentials + endpoints), pointed at the five
 * simulators running as a separate "vendor" server: every vendor end to end from one capture,
 * side by side, and no secret in any log line or API answer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResponse, ProvidersResponse } from '@contract/api';
import {
  TEST_ADMIN,
  TEST_CONSENT,
  postCapture,
  repoRoot,
  sharedFixture,
  startTestServer,
  type TestServer,
} from './test-support/test-server.js';
import { loginNewUser, type TestSession } from './test-support/session.js';
import { SECRET_VALUES, startVendorSims } from './test-support/vendor-sims.js';

const ALL = ['tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn'];
let vendors: Awaited<ReturnType<typeof startVendorSims>>;
let t: TestServer;
let reviewer: TestSession;
let logs = '';
let clip: Buffer;

beforeAll(async () => {
  vendors = await startVendorSims();
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  t = await startTestServer({ ...vendors.env, LOG_LEVEL: 'trace' }, { logStream });
  reviewer = await loginNewUser(t);
  clip = await readFile(path.join(repoRoot, 'contract/media/fixtures/mediarecorder_h264_640x480.mp4'));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await vendors?.close();
});

describe('with credentials for every vendor', () => {
  it('lists all five vendors as live (and the on-box screening as local)', async () => {
    const body = (await (await fetch(`${t.baseUrl}/api/providers`)).json()) as ProvidersResponse;
    expect(body.providers.map((p) => [p.id, p.mode])).toEqual([['local', 'local'], ...ALL.map((id) => [id, 'live'])]);
    expect(body.providers.every((p) => p.health.circuit === 'closed')).toBe(true);
  });

  it('fans one capture out to all five vendors and shows each result side by side', async () => {
    const res = await postCapture(t.baseUrl, clip, { providers: ALL });
    expect(res.status).toBe(202);
    const { caseId } = res.body as { caseId: string };
    await t.server.runner.idle();
    const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
    expect(detail.checks.map((c) => c.providerId).sort()).toEqual([...ALL].sort());
    for (const check of detail.checks) {
      expect({ provider: check.providerId, status: check.status, kind: check.outcome?.kind }).toEqual({
        provider: check.providerId,
        status: 'done',
        kind: 'result',
      });
      expect(check.mode).toBe('live');
    }
    // The ids each vendor's doc requires unique per request are stored with the check.
    const byId = Object.fromEntries(detail.checks.map((c) => [c.providerId, c.outcome]));
    expect(byId['alibaba-intl']?.sentIds?.MerchantBizId).toMatch(/^[0-9a-f]{32}$/);
    expect(byId['alibaba-cn']?.sentIds?.OuterOrderNo).toMatch(/^[0-9a-f]{32}$/);
    expect(detail.disagreement).toBe(false);
  });

  it('flags disagreement when vendors return different verdicts', async () => {
    await fetch(`${vendors.url}/sim/glair/_control/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'fake' }),
    });
    const res = await postCapture(t.baseUrl, clip, { providers: ['tencent', 'glair'] });
    const { caseId } = res.body as { caseId: string };
    await t.server.runner.idle();
    const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
    const verdicts = Object.fromEntries(
      detail.checks.map((c) => [c.providerId, c.outcome?.kind === 'result' && c.outcome.verdict]),
    );
    expect(verdicts).toEqual({ tencent: 'pass', glair: 'fail' });
    expect(detail.disagreement).toBe(true);
    const list = (await (await reviewer.fetch(`/api/cases`)).json()) as CaseListResponse;
    expect(list.cases.find((c) => c.id === caseId)?.disagreement).toBe(true);
  });

  it('sends each vendor the file fitted for it', async () => {
    // A real 2.97 s MediaRecorder clip for Alibaba (1–3 s), the 5 s shared clip for everyone else (Alibaba would refuse it).
    const long = await readFile(sharedFixture('face_640x480.mp4'));
    const short = await readFile(path.join(repoRoot, 'contract/media/fixtures/mediarecorder_h264_640x480.mp4'));
    const refused = await postCapture(t.baseUrl, long, { providers: ['tencent', 'alibaba-intl'] });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/DeepfakeDetectIntl/);

    const form = new FormData();
    form.append('meta', JSON.stringify({ providers: ['tencent', 'alibaba-intl'], consent: TEST_CONSENT }));
    form.append('video', new Blob([new Uint8Array(long)], { type: 'video/mp4' }), 'clip.mp4');
    form.append('video.alibaba-intl', new Blob([new Uint8Array(short)], { type: 'video/mp4' }), 'clip-intl.mp4');
    const res = await fetch(`${t.baseUrl}/api/captures`, { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const { caseId } = (await res.json()) as { caseId: string };
    await t.server.runner.idle();
    const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
    expect(detail.media.map((m) => [m.role, Math.round(Number(m.probe.durationS))]).sort()).toEqual([
      ['video', 5],
      ['video.alibaba-intl', 3],
    ]);
    expect(detail.checks.every((c) => c.outcome?.kind === 'result')).toBe(true);
  });

  it('never writes a secret to the logs or an API answer', async () => {
    const answers = await Promise.all(['/api/providers', '/api/cases'].map(async (p) => (await reviewer.fetch(p)).text()));
    const list = JSON.parse(answers[1]!) as CaseListResponse;
    for (const c of list.cases) answers.push(await (await reviewer.fetch(`/api/cases/${c.id}`)).text());
    expect(logs.length).toBeGreaterThan(1000); // trace-level logs were really captured
    // Reviewer credentials too: passwords, session cookies and CSRF tokens.
    const admin = await loginNewUser(t, 'admin');
    await admin.fetch('/api/admin/users', {
      method: 'POST',
      json: { email: 'logged@test.local', password: 'never-logged-pw-42', role: 'reviewer' },
    });
    await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: TEST_ADMIN.email, password: 'wrong-password-never-logged' }),
    });
    for (const secret of [
      'never-logged-pw-42',
      'wrong-password-never-logged',
      TEST_ADMIN.password,
      reviewer.csrfToken,
      reviewer.cookie.split('=')[1]!,
      admin.csrfToken,
    ]) {
      expect(logs).not.toContain(secret);
    }
    for (const secret of SECRET_VALUES) {
      expect(logs).not.toContain(secret);
      for (const a of answers) expect(a).not.toContain(secret);
    }
  });
});
