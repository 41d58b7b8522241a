import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../providers/types.js';
import { buildDashboard, percentile } from './stats.js';

const result = (verdict: 'pass' | 'review' | 'fail', latencyMs: number): CheckOutcome => ({
  kind: 'result',
  verdict,
  riskTags: [],
  latencyMs,
  raw: {},
});
const error: CheckOutcome = {
  kind: 'error',
  category: 'unavailable',
  vendorCode: 'x',
  message: 'down',
  latencyMs: 900,
  raw: null,
};
const at = (iso: string) => new Date(iso);

describe('dashboard figures', () => {
  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });

  it('buckets by day and counts vendor errors, pair agreement and agreement with the reviewer', () => {
    const dash = buildDashboard(
      at('2026-03-01T00:00:00Z'),
      at('2026-03-02T23:59:59Z'),
      [
        { id: 'a', createdAt: at('2026-03-01T10:00:00Z'), decision: 'approve' },
        { id: 'b', createdAt: at('2026-03-02T10:00:00Z'), decision: 'reject' },
        { id: 'c', createdAt: at('2026-03-02T11:00:00Z'), decision: 'escalate' },
      ],
      [
        {
          caseId: 'a',
          providerId: 'tencent',
          status: 'done',
          outcome: result('pass', 100),
          finishedAt: at('2026-03-01T10:00:01Z'),
        },
        {
          caseId: 'a',
          providerId: 'glair',
          status: 'done',
          outcome: result('pass', 300),
          finishedAt: at('2026-03-01T10:00:01Z'),
        },
        {
          caseId: 'b',
          providerId: 'tencent',
          status: 'done',
          outcome: result('pass', 200),
          finishedAt: at('2026-03-02T10:00:01Z'),
        },
        // A re-run: the later verdict is the one that counts for agreement.
        {
          caseId: 'b',
          providerId: 'tencent',
          status: 'done',
          outcome: result('fail', 200),
          finishedAt: at('2026-03-02T10:05:00Z'),
        },
        {
          caseId: 'b',
          providerId: 'glair',
          status: 'done',
          outcome: result('review', 250),
          finishedAt: at('2026-03-02T10:00:01Z'),
        },
        { caseId: 'c', providerId: 'glair', status: 'error', outcome: error, finishedAt: at('2026-03-02T11:00:01Z') },
        { caseId: 'c', providerId: 'tencent', status: 'pending', outcome: null, finishedAt: null },
      ],
    );
    expect(dash.days).toEqual([
      {
        day: '2026-03-01',
        cases: 1,
        verdicts: { pass: 2, review: 0, fail: 0, error: 0 },
        retakes: 0,
        decisions: { approve: 1, reject: 0, escalate: 0 },
      },
      {
        day: '2026-03-02',
        cases: 2,
        verdicts: { pass: 1, review: 1, fail: 1, error: 1 },
        retakes: 0,
        decisions: { approve: 0, reject: 1, escalate: 1 },
      },
    ]);
    expect(dash.vendors).toEqual([
      { providerId: 'glair', checks: 3, errors: 1, retakes: 0, errorRate: 1 / 3, latencyMsP50: 300, latencyMsP95: 900 },
      { providerId: 'tencent', checks: 3, errors: 0, retakes: 0, errorRate: 0, latencyMsP50: 200, latencyMsP95: 200 },
    ]);
    expect(dash.agreement.vendorPairs).toEqual([{ a: 'glair', b: 'tencent', cases: 2, agreed: 1 }]);
    expect(dash.agreement.vendorVsReviewer).toEqual([
      { providerId: 'tencent', cases: 2, agreed: 2 },
      { providerId: 'glair', cases: 2, agreed: 1 },
    ]);
  });

  it('counts retake answers apart from vendor errors', () => {
    const retake: CheckOutcome = { ...error, category: 'retake', retakeReason: 'no_face' };
    const dash = buildDashboard(
      at('2026-03-01T00:00:00Z'),
      at('2026-03-01T23:59:59Z'),
      [{ id: 'a', createdAt: at('2026-03-01T10:00:00Z'), decision: null }],
      [
        { caseId: 'a', providerId: 'tencent', status: 'error', outcome: retake, finishedAt: at('2026-03-01T10:00:01Z') },
        { caseId: 'a', providerId: 'glair', status: 'error', outcome: error, finishedAt: at('2026-03-01T10:00:01Z') },
      ],
    );
    expect(dash.days[0]).toMatchObject({ verdicts: { pass: 0, review: 0, fail: 0, error: 1 }, retakes: 1 });
    expect(dash.vendors).toEqual([
      expect.objectContaining({ providerId: 'glair', checks: 1, errors: 1, retakes: 0, errorRate: 1 }),
      expect.objectContaining({ providerId: 'tencent', checks: 1, errors: 0, retakes: 1, errorRate: 0 }),
    ]);
  });

  it('leaves the on-box local screening out of vendor–vendor agreement', () => {
    const done = (providerId: string, verdict: 'pass' | 'fail') => ({
      caseId: 'a',
      providerId,
      status: 'done',
      outcome: result(verdict, 100),
      finishedAt: at('2026-03-01T10:00:01Z'),
    });
    const dash = buildDashboard(
      at('2026-03-01T00:00:00Z'),
      at('2026-03-01T23:59:59Z'),
      [{ id: 'a', createdAt: at('2026-03-01T10:00:00Z'), decision: 'approve' }],
      [done('local', 'fail'), done('tencent', 'pass'), done('glair', 'pass')],
    );
    expect(dash.agreement.vendorPairs).toEqual([{ a: 'glair', b: 'tencent', cases: 1, agreed: 1 }]);
  });
});
