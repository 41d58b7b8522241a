/** Queue listing, keyset pagination, take-next and decisions on PGlite and, where installed, PostgreSQL. */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { caseListQuerySchema as caseListQuery } from '@contract/api';
import { createAccounts } from '../auth/accounts.js';
import { openStore, type Store } from '../db/client.js';
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
});
