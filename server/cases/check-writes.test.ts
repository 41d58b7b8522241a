/** The runner's check writes (./check-writes.ts, ../db/check-finish.ts) on the embedded store and a real PostgreSQL. */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createAuditLog, SYSTEM } from '../audit/log.js';
import { openStore, type Store } from '../db/client.js';
import { auditEvents, cases, checks } from '../db/schema.js';
import type { CheckOutcome } from '../providers/types.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createCaseRepository } from './repository.js';
import { deriveCaseStatus } from './status.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const pass: CheckOutcome = { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 3, raw: { ok: 1 } };
const unavailable: CheckOutcome = {
  kind: 'error',
  category: 'unavailable',
  vendorCode: 'x',
  message: 'down',
  latencyMs: 1,
  raw: null,
};
const retake = (retakeReason?: 'no_face' | 'multiple_faces'): CheckOutcome => ({
  kind: 'error',
  category: 'retake',
  ...(retakeReason ? { retakeReason } : {}),
  vendorCode: 'q',
  message: 'retake',
  latencyMs: 2,
  raw: null,
});

/** What each of a case's other checks is when the last one finishes (undefined: still pending). */
const scenarios: Array<[string, Array<CheckOutcome | 'running' | undefined>, CheckOutcome]> = [
  ['one pending check left', [undefined], pass],
  ['one running check left', ['running'], pass],
  ['all results', [pass, pass], pass],
  ['an outage is not a retake', [unavailable], pass],
  ['a retake with its reason', [pass, retake('multiple_faces')], unavailable],
  ['a retake naming no reason', [retake()], pass],
  ['the last check asks for the retake', [pass], retake('no_face')],
];

async function auditRowsOf(store: Store, caseId: string) {
  const rows = await store.db.select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(auditEvents.seq);
  return rows.map(({ seq: _seq, at, ...row }) => ({ ...row, at: at instanceof Date }));
}

describe.each(stores)('check writes on %s', (_name, open) => {
  it.each(scenarios)('finish derives the case status as deriveCaseStatus does: %s', async (_what, others, last) => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      const c = randomUUID(); // the PostgreSQL database is shared by every test
      const ids = [...others.map((_, i) => `${c}-k${i}`), `${c}-last`];
      await repo.create({
        id: c,
        captureTokenHash: 'h',
        telemetry: {},
        media: [],
        checks: ids.map((id) => ({ id, providerId: 'tencent', mode: 'simulated', idempotencyKey: id })),
      });
      for (const [i, other] of others.entries()) {
        if (other === 'running') await repo.markRunning(`${c}-k${i}`, 1);
        else if (other) await repo.finish(`${c}-k${i}`, c, other);
      }
      expect(await repo.finish(`${c}-last`, c, last)).toBe(true);

      const expected = deriveCaseStatus(await store.db.select().from(checks).where(eq(checks.caseId, c)));
      const [row] = await store.db
        .select({ status: cases.status, retakeReason: cases.retakeReason })
        .from(cases)
        .where(eq(cases.id, c));
      expect(row).toEqual({ status: expected.status, retakeReason: expected.retakeReason ?? null });
    } finally {
      await store.close();
    }
  });

  it('writes check.started and check.finished with the check, as the audit log records them', async () => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      const audit = createAuditLog(store.db);
      const [record, withCheck] = [randomUUID(), randomUUID()];
      for (const id of [record, withCheck]) {
        await repo.create({
          id,
          captureTokenHash: 'h',
          telemetry: {},
          media: [],
          checks: [{ id: `${id}-k`, providerId: 'glair', mode: 'simulated', idempotencyKey: id }],
        });
      }
      const started = { checkId: 'k', providerId: 'glair', attempt: 1, mediaRole: 'video' };
      const finished = { checkId: 'k', providerId: 'glair', latencyMs: 3, verdict: 'pass' };
      await audit.record({ actor: SYSTEM, action: 'check.started', caseId: record, detail: started });
      await audit.record({ actor: SYSTEM, action: 'check.finished', caseId: record, detail: finished });

      await repo.markRunning(`${withCheck}-k`, 1, { action: 'check.started', caseId: withCheck, detail: started });
      expect(await repo.finish(`${withCheck}-k`, withCheck, pass, undefined, finished)).toBe(true);

      const expected = (await auditRowsOf(store, record)).map((r) => ({ ...r, caseId: withCheck }));
      expect(await auditRowsOf(store, withCheck)).toEqual(expected);
      const [check] = await store.db
        .select()
        .from(checks)
        .where(eq(checks.id, `${withCheck}-k`));
      expect(check).toMatchObject({ status: 'done', attempts: 1, outcome: pass, leaseOwner: null });
    } finally {
      await store.close();
    }
  });

  it('writes nothing, audit row included, when another process holds the lease', async () => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      const c = randomUUID();
      await repo.create({
        id: c,
        captureTokenHash: 'h',
        telemetry: {},
        media: [],
        checks: [{ id: `${c}-k`, providerId: 'glair', mode: 'simulated', idempotencyKey: 'k' }],
      });
      await store.db
        .update(checks)
        .set({ leaseOwner: 'other' })
        .where(eq(checks.id, `${c}-k`));
      expect(await repo.finish(`${c}-k`, c, pass, 'me', { checkId: 'k' })).toBe(false);
      const [check] = await store.db.select().from(checks).where(eq(checks.caseId, c));
      expect(check).toMatchObject({ status: 'pending', outcome: null, leaseOwner: 'other' });
      expect(await auditRowsOf(store, c)).toEqual([]);
      expect((await repo.captureStatus(c))?.status).toBe('processing');
    } finally {
      await store.close();
    }
  });
});
