/** The dashboard's headline figures and the audited CSV exports, against a real server and store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardResponse } from '@contract/api';
import { auditEvents, cases, decisions } from '../db/schema.js';
import { loginAdmin, loginNewUser, type TestSession } from '../test-support/session.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let admin: TestSession;
let reviewer: TestSession;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);

const caseRow = (id: string, createdAt: Date, extra: Partial<typeof cases.$inferInsert> = {}) => ({
  id,
  createdAt,
  status: 'done' as const,
  captureTokenHash: `hash-${id}`,
  telemetry: {},
  ...extra,
});

beforeAll(async () => {
  t = await startTestServer();
  admin = await loginAdmin(t);
  reviewer = await loginNewUser(t);
  const db = t.server.store.db;
  await db
    .insert(cases)
    .values([
      caseRow('old-waiting', ago(5 * DAY)),
      caseRow('in-review', ago(2 * DAY), { reviewStatus: 'in_review' }),
      caseRow('fast', ago(3 * DAY), { reviewStatus: 'decided', decision: 'approve' }),
      caseRow('slow', ago(3 * DAY), { reviewStatus: 'decided', decision: 'reject', reference: '=HYPERLINK("http://evil","x")' }),
      caseRow('outside', ago(400 * DAY), { reviewStatus: 'decided', decision: 'approve' }),
    ]);
  await db.insert(decisions).values([
    // 1 h and 25 h after arrival: median 13 h.
    {
      id: 'd1',
      caseId: 'fast',
      decision: 'approve',
      reasonCode: 'genuine_person',
      userId: 'u1',
      userEmail: 'ann@test.local',
      createdAt: ago(3 * DAY - HOUR),
    },
    {
      id: 'd2',
      caseId: 'slow',
      decision: 'reject',
      reasonCode: 'other',
      note: 'said "hi", then left\n+1 for reject',
      userId: 'u2',
      userEmail: 'bob@test.local',
      createdAt: ago(2 * DAY - HOUR),
    },
  ]);
}, 60_000);
afterAll(async () => t?.close());

describe('GET /api/dashboard headline', () => {
  it('answers backlog, oldest waiting case, median time to decision and decisions per reviewer', async () => {
    const dash = await reviewer.get<DashboardResponse>('/api/dashboard');
    expect(dash.headline).toEqual({
      backlog: 2,
      oldestWaitingAt: ago(5 * DAY).toISOString(),
      oldestWaitingCaseId: 'old-waiting',
      decisions: 2,
      medianDecisionMs: 13 * HOUR,
    });
    expect(dash.reviewers.map((r) => [r.email, r.decisions, r.activeDays])).toEqual([
      ['ann@test.local', 1, 1],
      ['bob@test.local', 1, 1],
    ]);
  });
});

describe('GET /api/admin/exports/:kind', () => {
  const range = `from=${encodeURIComponent(ago(30 * DAY).toISOString())}&to=${encodeURIComponent(new Date(now + 1000).toISOString())}`;

  it('streams the cases created in the range as CSV, formula-safe, and audits the export', async () => {
    const res = await admin.fetch(`/api/admin/exports/cases?${range}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cases_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^case_id,created_at,status,/);
    const ids = lines.slice(1).map((l) => l.split(',')[0]);
    // Oldest first (equal instants by id); the case from 400 days ago is outside the range.
    expect(ids).toEqual(['old-waiting', 'fast', 'slow', 'in-review']);
    expect(lines.find((l) => l.startsWith('slow,'))).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);

    const audited = await t.server.store.db.select().from(auditEvents);
    const exported = audited.filter((e) => e.action === 'export.downloaded');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ actorEmail: 'admin@test.local', detail: { kind: 'cases' } });
  });

  it('exports decisions with notes quoted and defused', async () => {
    const text = await (await admin.fetch(`/api/admin/exports/decisions?${range}`)).text();
    expect(text.startsWith('decision_id,case_id,decided_at,decision,reason_code,note,reviewer_email\r\n')).toBe(true);
    expect(text).toContain(
      `d2,slow,${ago(2 * DAY - HOUR).toISOString()},reject,other,"said ""hi"", then left\n+1 for reject",bob@test.local\r\n`,
    );
    expect(text).toContain('d1,fast,');
  });

  it('pages through more rows than one read holds, in order, each once', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => caseRow(`bulk-${String(i).padStart(4, '0')}`, ago(20 * DAY)));
    await t.server.store.db.insert(cases).values(many);
    const from = encodeURIComponent(ago(21 * DAY).toISOString());
    const to = encodeURIComponent(ago(19 * DAY).toISOString());
    const lines = (await (await admin.fetch(`/api/admin/exports/cases?from=${from}&to=${to}`)).text()).trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(many.map((c) => c.id));
  });

  it('refuses reviewers, a reversed or too long range, and an unknown kind', async () => {
    expect((await reviewer.fetch(`/api/admin/exports/cases?${range}`)).status).toBe(403);
    const bad = async (path: string) => {
      const res = await admin.fetch(path);
      return [res.status, ((await res.json()) as { code: string }).code];
    };
    expect(await bad(`/api/admin/exports/cases?from=2026-03-02&to=2026-03-01`)).toEqual([400, 'invalid_query']);
    expect(await bad(`/api/admin/exports/cases?from=2024-01-01&to=2026-01-01`)).toEqual([400, 'invalid_query']);
    expect(await bad(`/api/admin/exports/cases?from=yesterday&to=2026-01-01`)).toEqual([400, 'invalid_query']);
    expect(await bad(`/api/admin/exports/users?${range}`)).toEqual([400, 'invalid_query']);
  });
});
