import { describe, expect, it } from 'vitest';
import { buildDemoRows, DEMO_CASE_COUNT, DEMO_TOKEN_HASH } from './scenarios.js';

const now = new Date('2026-03-31T12:00:00Z');
const DAY = 86_400_000;

describe('the demo month', () => {
  const rows = buildDemoRows(now, ['tencent', 'glair', 'finauth', 'alibaba-cn'], true);

  it('labels every case as demo data, over the last 30 days, with decisions after arrival and before now', () => {
    expect(rows.cases).toHaveLength(DEMO_CASE_COUNT);
    for (const c of rows.cases) {
      expect(c.captureTokenHash).toBe(DEMO_TOKEN_HASH);
      expect(c.reference).toMatch(/^DEMO-\d{3}$/);
      expect(now.getTime() - c.createdAt!.getTime()).toBeLessThanOrEqual(31 * DAY);
      expect(c.createdAt!.getTime()).toBeLessThan(now.getTime());
    }
    const arrival = new Map(rows.cases.map((c) => [c.id, c.createdAt!.getTime()]));
    for (const d of rows.decisions) {
      expect(d.createdAt!.getTime()).toBeGreaterThan(arrival.get(d.caseId)!);
      expect(d.createdAt!.getTime()).toBeLessThan(now.getTime());
    }
    expect(new Set(rows.decisions.map((d) => d.userEmail)).size).toBe(3);
  });

  it('holds agreements, disagreements, retakes, vendor errors and integrity findings; three vendors at most', () => {
    const verdictsOf = (caseId: string) =>
      rows.checks
        .filter((k) => k.caseId === caseId && k.providerId !== 'local' && k.outcome?.kind === 'result')
        .map((k) => (k.outcome?.kind === 'result' ? k.outcome.verdict : ''));
    const ids = rows.cases.map((c) => c.id);
    expect(ids.some((id) => new Set(verdictsOf(id)).size > 1)).toBe(true);
    expect(ids.some((id) => verdictsOf(id).length === 3 && new Set(verdictsOf(id)).size === 1)).toBe(true);
    expect(rows.cases.some((c) => c.status === 'retake')).toBe(true);
    expect(rows.checks.some((k) => k.outcome?.kind === 'error' && k.outcome.category === 'unavailable')).toBe(true);
    expect(rows.cases.some((c) => c.integrity?.findings.some((f) => f.code === 'virtual_camera'))).toBe(true);
    expect(new Set(rows.checks.map((k) => k.providerId))).toEqual(new Set(['tencent', 'glair', 'finauth', 'local']));
    expect(rows.cases.some((c) => c.reviewStatus === 'new')).toBe(true);
    expect(rows.cases.some((c) => c.reviewStatus === 'decided')).toBe(true);
  });

  it('builds the same month from the same seed', () => {
    const again = buildDemoRows(now, ['tencent', 'glair', 'finauth', 'alibaba-cn'], true);
    expect(again.cases.map((c) => [c.createdAt, c.status, c.reviewStatus])).toEqual(
      rows.cases.map((c) => [c.createdAt, c.status, c.reviewStatus]),
    );
  });
});
