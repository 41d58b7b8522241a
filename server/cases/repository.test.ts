/** The same repository code on the embedded store and, where installed, on a real PostgreSQL. */
import { afterAll, describe, expect, it } from 'vitest';
import { caseListQuerySchema as caseListQuery } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import type { CheckOutcome } from '../providers/types.js';
import { TEST_VIDEO_PROBE } from '../test-support/media-probes.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createCaseQueue } from './queue.js';
import { createCaseRepository } from './repository.js';
import { caseDetailView, caseListView } from './views.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const pass: CheckOutcome = { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 3, raw: { ok: 1 } };
const fail: CheckOutcome = { kind: 'result', verdict: 'fail', score: 0.9, riskTags: ['deepfake'], latencyMs: 4, raw: {} };

describe.each(stores)('case repository on %s', (_name, open) => {
  it('creates a case with media and pending checks, finishes them, and derives status and disagreement', async () => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      const sha = 'a'.repeat(64);
      await repo.create({
        id: 'c1',
        captureTokenHash: 'h',
        telemetry: { ua: 'x' },
        media: [
          { role: 'video', sha256: sha, mime: 'video/mp4', byteLength: 10, probe: { ...TEST_VIDEO_PROBE, durationS: 2.8 } },
        ],
        checks: [
          { id: 'k1', providerId: 'tencent', mode: 'simulated', idempotencyKey: 'i1' },
          { id: 'k2', providerId: 'glair', mode: 'simulated', idempotencyKey: 'i2' },
        ],
      });
      expect(await repo.unfinishedCheckIds()).toEqual(expect.arrayContaining(['k1', 'k2']));
      expect((await repo.captureStatus('c1'))?.status).toBe('processing');

      await repo.markRunning('k1', 1);
      await repo.finish('k1', 'c1', pass);
      await repo.finish('k2', 'c1', fail);
      expect(await repo.unfinishedCheckIds()).toEqual([]);

      const record = await repo.caseRecord('c1');
      const detail = record && caseDetailView(record, { providerName: (id) => `name:${id}`, mediaUrl: (role) => `/m/${role}` });
      expect(detail).toMatchObject({ id: 'c1', status: 'done', disagreement: true, telemetry: { ua: 'x' } });
      expect(detail?.media[0]).toMatchObject({ role: 'video', sha256: sha, url: '/m/video', probe: { durationS: 2.8 } });
      expect(detail?.checks.map((c) => [c.providerId, c.providerName, c.status, c.attempts])).toEqual(
        expect.arrayContaining([
          ['tencent', 'name:tencent', 'done', 1],
          ['glair', 'name:glair', 'done', 0],
        ]),
      );
      const {
        cases: [summary],
      } = caseListView(await createCaseQueue(store.db, repo).list(caseListQuery.parse({})));
      expect(summary).toMatchObject({ id: 'c1', status: 'done', disagreement: true, reviewStatus: 'new', mediaPurged: false });
      expect(summary?.checks.map((c) => c.verdict).sort()).toEqual(['fail', 'pass']);
    } finally {
      await store.close();
    }
  });

  it('rolls back a case whose insert fails part-way: nothing is left', async () => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      const bad = {
        id: 'c2',
        captureTokenHash: 'h',
        telemetry: {},
        media: [],
        // Two checks with the same id violate the primary key after the case row was written.
        checks: [
          { id: 'dup', providerId: 'tencent' as const, mode: 'simulated' as const, idempotencyKey: 'a' },
          { id: 'dup', providerId: 'glair' as const, mode: 'simulated' as const, idempotencyKey: 'b' },
        ],
      };
      await expect(repo.create(bad)).rejects.toThrow();
      expect(await repo.captureStatus('c2')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('one upload key makes one case, even when two creates race; a replay rotates the token', async () => {
    const store = await open();
    try {
      const repo = createCaseRepository(store.db);
      const copy = (id: string, sha: string) => ({
        id,
        captureTokenHash: `token-${id}`,
        uploadKeyHash: 'k'.repeat(64),
        telemetry: {},
        media: [{ role: 'video', sha256: sha, mime: 'video/mp4', byteLength: 1, probe: TEST_VIDEO_PROBE }],
        checks: [{ id: `check-${id}`, providerId: 'tencent' as const, mode: 'simulated' as const, idempotencyKey: id }],
      });
      const created = await Promise.all([repo.create(copy('u1', 'a'.repeat(64))), repo.create(copy('u2', 'b'.repeat(64)))]);
      expect(created.filter(Boolean)).toHaveLength(1);
      const winner = created[0] ? 'u1' : 'u2';
      const loser = created[0] ? 'u2' : 'u1';
      expect(await repo.captureStatus(loser)).toBeUndefined();
      expect(await repo.unfinishedCheckIds()).toEqual([`check-${winner}`]);
      expect((await repo.mediaOfUpload('k'.repeat(64))).map((m) => m.caseId)).toEqual([winner]);

      expect(await repo.replayUpload('k'.repeat(64), 'rotated')).toBe(winner);
      expect((await repo.captureStatus(winner))?.tokenHash).toBe('rotated');
      expect(await repo.replayUpload('z'.repeat(64), 'other')).toBeUndefined();
      // Cases without a key never collide.
      await repo.create({ id: 'n1', captureTokenHash: 'h', telemetry: {}, media: [], checks: [] });
      expect(await repo.create({ id: 'n2', captureTokenHash: 'h', telemetry: {}, media: [], checks: [] })).toBe(true);
    } finally {
      await store.close();
    }
  });
});
