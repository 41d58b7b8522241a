/** Queue listing, keyset pagination, take-next and decisions on PGlite and, where installed, PostgreSQL. */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { caseListQuerySchema as caseListQuery } from '@contract/api';
import { createAccounts } from '../auth/accounts.js';
import { openStore, rowsOf, type Store } from '../db/client.js';
import type { CaptureIntegrity } from '@contract/api';
import type { CheckOutcome } from '../providers/types.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createCaseQueue } from './queue.js';
import { createCaseRepository, type NewCase } from './repository.js';
import { createReviewActions } from './review.js';
import { caseListView, decisionView } from './views.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const result = (verdict: 'pass' | 'fail'): CheckOutcome => ({ kind: 'result', verdict, riskTags: [], latencyMs: 5, raw: {} });

/** PostgreSQL keeps one database for the whole file: start each test from empty tables. */
async function reset(store: Store): Promise<void> {
  await store.db.execute(sql`delete from cases`);
  await store.db.execute(sql`delete from users`);
}

/** `n` finished cases, 1 ms apart, ids case-00 … ; odd ones have a disagreeing glair check. */
async function seed(store: Store, n: number, prefix = 'case') {
  await reset(store);
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const repo = createCaseRepository(store.db, { now: () => new Date((clock += 1)) });
  for (let i = 0; i < n; i++) {
    const id = `${prefix}-${String(i).padStart(2, '0')}`;
    const checks: NewCase['checks'] = [{ id: `${id}-t`, providerId: 'tencent', mode: 'simulated', idempotencyKey: `${id}-t` }];
    if (i % 2 === 1)
      checks.push({ id: `${id}-g`, providerId: 'glair' as const, mode: 'simulated' as const, idempotencyKey: `${id}-g` });
    await repo.create({ id, captureTokenHash: 'h', telemetry: {}, media: [], checks });
    await repo.finish(`${id}-t`, id, result('pass'));
    if (i % 2 === 1) await repo.finish(`${id}-g`, id, result('fail'));
  }
  return { repo, queue: createCaseQueue(store.db, repo) };
}

describe.each(stores)('review queue on %s', (_name, open) => {
  // One store per backend for the file (opening PGlite is the slow part); each test resets it.
  let shared: Promise<Store> | undefined;
  afterAll(async () => (await shared)?.close());
  const openShared = () => (shared ??= open());
  it('filters, searches by id prefix, and pages with a keyset cursor that survives new arrivals', async () => {
    const store = await openShared();
    {
      const { repo, queue } = await seed(store, 7);
      const list = async (q: Record<string, string>) => caseListView(await queue.list(caseListQuery.parse(q)));
      const seen: string[] = [];
      let page = await list({ limit: '3' });
      seen.push(...page.cases.map((c) => c.id));
      // A case arriving mid-way must not shift the pages (it would with offsets).
      await repo.create({ id: 'case-late', captureTokenHash: 'h', telemetry: {}, media: [], checks: [] });
      while (page.nextCursor) {
        page = await list({ limit: '3', cursor: page.nextCursor });
        seen.push(...page.cases.map((c) => c.id));
      }
      expect(seen).toEqual(['case-06', 'case-05', 'case-04', 'case-03', 'case-02', 'case-01', 'case-00']);
      const asc = await list({ sort: 'created_asc', limit: '2' });
      expect(asc.cases.map((c) => c.id)).toEqual(['case-00', 'case-01']);

      expect((await list({ disagreement: 'true' })).cases.map((c) => c.id)).toEqual(['case-05', 'case-03', 'case-01']);
      expect((await list({ disagreement: 'false', vendor: 'tencent' })).cases).toHaveLength(4);
      expect((await list({ verdict: 'fail' })).cases).toHaveLength(3);
      expect((await list({ vendor: 'glair' })).cases).toHaveLength(3);
      expect((await list({ q: 'case-0' })).cases).toHaveLength(7);
      expect((await list({ q: 'CASE-04' })).cases.map((c) => c.id)).toEqual(['case-04']);
      expect((await list({ q: '%' })).cases).toHaveLength(0);
      expect((await list({ status: 'new' })).cases).toHaveLength(8);
      const firstThree = { from: '2026-01-01T00:00:00.001Z', to: '2026-01-01T00:00:00.003Z' };
      expect((await list(firstThree)).cases.map((c) => c.id)).toEqual(['case-02', 'case-01', 'case-00']);
      await expect(list({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'invalid_cursor' });
    }
  });

  it('take-next hands each waiting case to exactly one reviewer, even when they ask at once', async () => {
    const store = await openShared();
    // PostgreSQL: a second pool, so the claims really run on separate connections.
    const other = pg && _name === 'PostgreSQL' ? await open() : store;
    try {
      const { queue } = await seed(store, 6, 'tn');
      const accounts = createAccounts(store.db, { sessionTtlMs: 1000 });
      const users = await Promise.all(
        Array.from({ length: 8 }, (_, i) => accounts.createUser(`r${i}@t.local`, 'password-1234', 'reviewer')),
      );
      const queues = [queue, createCaseQueue(other.db, createCaseRepository(other.db))];
      const taken = await Promise.all(users.map((u, i) => queues[i % 2]!.takeNext(u.id)));
      const ids = taken.flatMap((x) => (x ? [x.caseId] : []));
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
      expect(taken.filter((x) => x === undefined)).toHaveLength(2);
      // Oldest first, and asking again returns the case the caller already holds.
      const first = users[taken.findIndex((x) => x?.caseId === 'tn-00')]!;
      expect(await queue.takeNext(first.id)).toEqual({ caseId: 'tn-00', claimed: false });
      const page = caseListView(await queue.list(caseListQuery.parse({ q: 'tn-00' })));
      expect(page.cases[0]).toMatchObject({ reviewStatus: 'in_review', assignee: { id: first.id, email: first.email } });

      // Escalation returns the case to the pool for someone else, never to whoever escalated it.
      const review = createReviewActions(store.db);
      await review.decide('tn-00', first, { decision: 'escalate', reasonCode: 'needs_second_opinion' });
      expect(await queue.takeNext(first.id)).toBeUndefined();
      const second = users.find((u) => taken[users.indexOf(u)] === undefined)!;
      expect(await queue.takeNext(second.id)).toEqual({ caseId: 'tn-00', claimed: true });
      const d = await review.decide('tn-00', second, {
        decision: 'reject',
        reasonCode: 'deepfake_suspected',
        note: 'mask edges',
      });
      expect(d && decisionView(d)).toMatchObject({ decision: 'reject', by: { id: second.id } });
      const detail = caseListView(await queue.list(caseListQuery.parse({ q: 'tn-00' })));
      expect(detail.cases[0]).toMatchObject({ reviewStatus: 'decided', decision: 'reject' });
      expect((await review.decisionsOf('tn-00')).map((x) => x.decision)).toEqual(['escalate', 'reject']);
      expect(await review.decide('missing', second, { decision: 'approve', reasonCode: 'other' })).toBeUndefined();
    } finally {
      if (other !== store) await other.close();
    }
  });

  it('sorts riskiest first (suspected fake > vendor fail > disagreement > review), pages by risk and filters by finding', async () => {
    const store = await openShared();
    const { repo } = await seed(store, 0, 'rk');
    let clock = Date.parse('2026-02-01T00:00:00Z');
    const at = createCaseRepository(store.db, { now: () => new Date((clock += 1)) });
    const make = async (id: string, verdicts: Array<'pass' | 'review' | 'fail'>, findings: Array<[string, string]> = []) => {
      const checks = verdicts.map((_, i) => ({
        id: `${id}-${i}`,
        providerId: 'tencent' as const,
        mode: 'simulated' as const,
        idempotencyKey: `${id}-${i}`,
      }));
      await at.create({ id, captureTokenHash: 'h', telemetry: {}, media: [], checks });
      for (const [i, v] of verdicts.entries())
        await at.finish(`${id}-${i}`, id, { kind: 'result', verdict: v, riskTags: [], latencyMs: 5, raw: {} });
      const integrity = {
        status: 'done' as const,
        label: 'local screening',
        verdict: findings.length > 0 ? ('fail' as const) : ('review' as const),
        findings: findings.map(([code, kind]) => ({ code, kind, message: code, evidence: {} })),
        frames: [],
      } as unknown as CaptureIntegrity;
      await repo.saveIntegrity(id, integrity, []);
    };
    await make('rk-clean-old', ['pass', 'pass']);
    await make('rk-fake', ['pass', 'pass'], [['frozen_frames', 'suspected_fake']]);
    await make('rk-fail', ['fail', 'fail']);
    await make('rk-disagree', ['pass', 'fail']);
    await make('rk-review', ['review']);
    await make('rk-retake', ['pass'], [['no_face', 'bad_capture']]);
    await make('rk-clean-new', ['pass']);
    const list = async (q: Record<string, string>) => caseListView(await queue().list(caseListQuery.parse(q)));
    const queue = () => createCaseQueue(store.db, repo);
    const riskiest = ['rk-fake', 'rk-disagree', 'rk-fail', 'rk-review', 'rk-retake', 'rk-clean-old', 'rk-clean-new'];
    const all = await list({ sort: 'risk_desc' });
    expect(all.cases.map((c) => c.id)).toEqual(riskiest);
    expect(all.cases.map((c) => c.risk)).toEqual([8, 6, 4, 1, 1, 0, 0]);
    expect(all.cases[0]!.integrity).toEqual({
      status: 'done',
      verdict: 'fail',
      findings: [{ code: 'frozen_frames', kind: 'suspected_fake' }],
    });
    // Keyset pages in risk order stay whole and in order.
    const seen: string[] = [];
    let page = await list({ sort: 'risk_desc', limit: '2' });
    seen.push(...page.cases.map((c) => c.id));
    while (page.nextCursor) {
      page = await list({ sort: 'risk_desc', limit: '2', cursor: page.nextCursor });
      seen.push(...page.cases.map((c) => c.id));
    }
    expect(seen).toEqual(riskiest);
    const ids = async (finding: string) => (await list({ finding, sort: 'created_asc' })).cases.map((c) => c.id);
    expect(await ids('suspected_fake')).toEqual(['rk-fake']);
    expect(await ids('frozen_frames')).toEqual(['rk-fake']);
    expect(await ids('virtual_camera')).toEqual([]);
    expect(await ids('bad_capture')).toEqual(['rk-retake']);
    expect(await ids('any')).toEqual(['rk-fake', 'rk-retake']);
    expect(await ids('none')).toHaveLength(5);
    expect(() => caseListQuery.parse({ finding: 'nonsense' })).toThrow();
  });

  it('take-next hands out the riskiest waiting case first, or the oldest with takeNextOrder age', async () => {
    const store = await openShared();
    const { repo } = await seed(store, 4, 'tr');
    // tr-01 and tr-03 disagree (risk 2 + 4 for the fail); tr-00 and tr-02 pass (0).
    const accounts = createAccounts(store.db, { sessionTtlMs: 1000 });
    const users = await Promise.all([0, 1, 2, 3].map((i) => accounts.createUser(`t${i}@t.local`, 'password-1234', 'reviewer')));
    const byRisk = createCaseQueue(store.db, repo);
    const taken = [];
    for (const u of users.slice(0, 2)) taken.push((await byRisk.takeNext(u.id))?.caseId);
    expect(taken).toEqual(['tr-01', 'tr-03']);
    const byAge = createCaseQueue(store.db, repo, { takeNextOrder: 'age' });
    expect((await byAge.takeNext(users[2]!.id))?.caseId).toBe('tr-00');
    expect((await byRisk.takeNext(users[3]!.id))?.caseId).toBe('tr-02');
  });

  it('finds a case-id prefix through an index range, not by walking every case (the 1M-case bench: 124 ms → 5 ms)', async () => {
    const store = await openShared();
    // Seq scans off so a tiny table's plan shows what a large one's would: whether any index can serve the LIKE.
    const plan = await store.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return JSON.stringify(rowsOf(await tx.execute(sql`explain select id from cases where id like 'case-0%'`)));
    });
    // `~>=~` on PostgreSQL (text_pattern_ops), `>=` where the database's collation is C (PGlite).
    expect(plan).toMatch(/Index Cond: \(\(id ~?>=~? 'case-0'/);
  });
});
