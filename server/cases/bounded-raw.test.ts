/** Issue 11 item 6: a vendor answer kept with a check is bounded when stored and when served. */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { checks } from '../db/schema.js';
import type { CheckOutcome } from '../providers/types.js';
import { caseDetailOf } from '../test-support/case-detail.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { MAX_STORED_RAW_CHARS } from './bounded-raw.js';
import { createCaseRepository } from './repository.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

/** A vendor answer of about a megabyte: a JSON object with one long field. */
const hugeAnswer = { Response: { RequestId: 'r', Padding: 'x'.repeat(1024 * 1024) } };
const bigOutcome: CheckOutcome = { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 3, raw: hugeAnswer };
const rawLength = (outcome: unknown) => JSON.stringify((outcome as CheckOutcome | undefined)?.raw ?? null).length;

describe.each(stores)('stored vendor answers on %s', (_name, open) => {
  it('are cut to the cap with a marker; small ones are kept as they came; throttled answers are counted', async () => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      await repo.create({
        id: 'c-raw',
        captureTokenHash: 'h',
        telemetry: {},
        media: [],
        checks: [
          { id: 'k-big', providerId: 'tencent', mode: 'simulated', idempotencyKey: 'i1' },
          { id: 'k-small', providerId: 'glair', mode: 'simulated', idempotencyKey: 'i2' },
          { id: 'k-old', providerId: 'finauth', mode: 'simulated', idempotencyKey: 'i3' },
        ],
      });
      await repo.markThrottled('k-big', 3);
      await repo.finish('k-big', 'c-raw', bigOutcome);
      await repo.finish('k-small', 'c-raw', { ...bigOutcome, raw: { Response: { RequestId: 'r' } } });
      // A row written before the cap existed, holding the whole answer.
      await store.db.update(checks).set({ status: 'done', outcome: bigOutcome }).where(eq(checks.id, 'k-old'));

      const big = await repo.check('k-big');
      expect(big?.throttledAnswers).toBe(3);
      expect(rawLength(big?.outcome)).toBeLessThan(MAX_STORED_RAW_CHARS + 100);
      expect((big?.outcome as CheckOutcome).raw).toMatch(
        /^\{"Response":\{"RequestId":"r","Padding":"x+… \[truncated: \d+ characters in all\]$/,
      );
      expect((big?.outcome as CheckOutcome & { kind: 'result' }).verdict).toBe('pass'); // the rest of the outcome intact

      const detail = await caseDetailOf(repo, 'c-raw');
      const served = Object.fromEntries(detail!.checks.map((c) => [c.id, c.outcome]));
      expect(served['k-small']?.raw).toEqual({ Response: { RequestId: 'r' } });
      expect(rawLength(served['k-big'])).toBeLessThan(MAX_STORED_RAW_CHARS + 100);
      expect(rawLength(served['k-old'])).toBeLessThan(MAX_STORED_RAW_CHARS + 100);
    } finally {
      await store.close();
    }
  });
});
