/** The database's dashboard figures equal the TypeScript rules' (stats.ts) on a seeded set, on PGlite and PostgreSQL. */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOutcome, Decision } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { cases, checks } from '../db/schema.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { queryDashboardFigures } from './figures-query.js';
import { buildDashboard, type DashboardFigures } from './stats.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const VENDORS = ['tencent', 'glair', 'finauth', 'local'] as const;
const DECISIONS: Array<Decision | null> = ['approve', 'reject', 'escalate', null];
const HOUR = 3_600_000;
const start = Date.parse('2026-03-01T00:00:00Z');

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function generator(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Every answer a check can hold: each verdict, a retake, other errors, no outcome, zero and fractional latency. */
function outcomeOf(pick: (n: number) => number): CheckOutcome | null {
  const latencyMs = [0, 120, 95.5, 2_400, 310][pick(5)]!;
  switch (pick(6)) {
    case 0:
      return null;
    case 1:
      return {
        kind: 'error',
        category: 'retake',
        retakeReason: 'no_face',
        vendorCode: 'r',
        message: 'again',
        latencyMs,
        raw: null,
      };
    case 2:
      return { kind: 'error', category: 'unavailable', vendorCode: 'x', message: 'down', latencyMs, raw: null };
    default:
      return { kind: 'result', verdict: (['pass', 'review', 'fail'] as const)[pick(3)]!, riskTags: [], latencyMs, raw: {} };
  }
}

async function seedCases(store: Store): Promise<void> {
  const pick = generator(16);
  const caseRows: Array<typeof cases.$inferInsert> = [];
  const checkRows: Array<typeof checks.$inferInsert> = [];
  // 80 cases 61 minutes apart (about 3.4 days), each with 0–6 checks: re-runs, every status, some never finished.
  for (let i = 0; i < 80; i++) {
    const id = `case-${i}`;
    const createdAt = new Date(start + i * 61 * 60_000);
    caseRows.push({ id, createdAt, status: 'done', captureTokenHash: `h-${i}`, telemetry: {}, decision: DECISIONS[pick(4)] });
    const count = pick(7);
    for (let j = 0; j < count; j++) {
      const status = (['pending', 'running', 'done', 'done', 'error'] as const)[pick(5)]!;
      // Finish times differ within a case (the latest verdict is then unambiguous); the first may have none.
      const finishedAt = j === 0 && pick(3) === 0 ? null : new Date(createdAt.getTime() + (j + 1) * 1000);
      checkRows.push({
        id: `${id}-k${j}`,
        caseId: id,
        providerId: VENDORS[pick(4)]!,
        mode: 'simulated',
        status,
        idempotencyKey: `${id}-k${j}`,
        outcome: outcomeOf(pick),
        finishedAt,
      });
    }
  }
  await store.db.insert(cases).values(caseRows);
  await store.db.insert(checks).values(checkRows);
}

/** The TypeScript rules over the rows the server used to load. */
async function figuresInNode(store: Store, from: Date, to: Date): Promise<DashboardFigures> {
  const inRange = and(gte(cases.createdAt, from), lte(cases.createdAt, to));
  const caseRows = await store.db
    .select({ id: cases.id, createdAt: cases.createdAt, decision: cases.decision })
    .from(cases)
    .where(inRange);
  const checkRows = await store.db
    .select({
      caseId: checks.caseId,
      providerId: checks.providerId,
      status: checks.status,
      outcome: checks.outcome,
      finishedAt: checks.finishedAt,
    })
    .from(checks)
    .innerJoin(cases, eq(cases.id, checks.caseId))
    .where(inRange);
  return buildDashboard(from, to, caseRows, checkRows);
}

/** The agreement lists' order follows the rows' order in Node (unspecified); the database sorts them. */
const byKey = <T>(rows: T[], key: (row: T) => string) =>
  [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
const comparable = (f: DashboardFigures) =>
  JSON.parse(
    JSON.stringify({
      ...f,
      agreement: {
        vendorPairs: byKey(f.agreement.vendorPairs, (p) => `${p.a}|${p.b}`),
        vendorVsReviewer: byKey(f.agreement.vendorVsReviewer, (r) => r.providerId),
      },
    }),
  ) as unknown;

describe.each(stores)('dashboard figures in SQL on %s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await seedCases(store);
  }, 60_000);
  afterAll(async () => {
    await store.db.execute(sql`delete from cases`);
    await store.close();
  });

  it.each([
    ['every case, the range starting and ending mid-day', new Date(start - 5 * HOUR), new Date(start + 90 * HOUR + 17_000)],
    ['part of the cases', new Date(start + 20 * HOUR), new Date(start + 50 * HOUR)],
    ['one case', new Date(start + 61 * 60_000), new Date(start + 61 * 60_000)],
    ['no case', new Date(start - 48 * HOUR), new Date(start - HOUR)],
  ])('gives the same answer as the TypeScript rules: %s', async (_what, from, to) => {
    const inSql = await queryDashboardFigures(store.db, from, to);
    const inNode = await figuresInNode(store, from, to);
    expect(comparable(inSql)).toEqual(comparable(inNode));
  });

  it('counts every status, verdict, error, retake and vendor of the seeded set', async () => {
    const all = await queryDashboardFigures(store.db, new Date(start - HOUR), new Date(start + 100 * HOUR));
    const totals = all.days.reduce(
      (t, d) => ({
        cases: t.cases + d.cases,
        pass: t.pass + (d.verdicts.pass ?? 0),
        review: t.review + (d.verdicts.review ?? 0),
        fail: t.fail + (d.verdicts.fail ?? 0),
        error: t.error + (d.verdicts.error ?? 0),
        retakes: t.retakes + d.retakes,
        decided: t.decided + (d.decisions.approve ?? 0) + (d.decisions.reject ?? 0) + (d.decisions.escalate ?? 0),
      }),
      { cases: 0, pass: 0, review: 0, fail: 0, error: 0, retakes: 0, decided: 0 },
    );
    // The seeded set reaches every branch the comparison above is meant to cover.
    expect(totals.cases).toBe(80);
    for (const n of [totals.pass, totals.review, totals.fail, totals.error, totals.retakes]) expect(n).toBeGreaterThan(0);
    expect(totals.decided).toBeLessThan(80);
    expect(all.vendors.map((v) => v.providerId)).toEqual(['finauth', 'glair', 'local', 'tencent']);
    expect(all.agreement.vendorPairs.length).toBeGreaterThan(0);
    expect(all.agreement.vendorVsReviewer.length).toBeGreaterThan(0);
  });
});
