import { describe, expect, it } from 'vitest';
import { buildHeadline, buildReviewerThroughput, median, type DecisionInRange } from './headline.js';

const at = (iso: string) => new Date(iso);
const decided = (caseId: string, userEmail: string, createdAt: string, caseCreatedAt: string): DecisionInRange => ({
  caseId,
  userEmail,
  createdAt: at(createdAt),
  caseCreatedAt: at(caseCreatedAt),
});

describe('dashboard headline', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports the backlog, the oldest waiting case and the median time to a first decision', () => {
    const decisions = [
      decided('a', 'ann@x', '2026-03-01T11:00:00Z', '2026-03-01T10:00:00Z'), // 1 h
      decided('a', 'bob@x', '2026-03-02T10:00:00Z', '2026-03-01T10:00:00Z'), // a re-decision: not a time to decision
      decided('b', 'ann@x', '2026-03-01T13:00:00Z', '2026-03-01T10:00:00Z'), // 3 h
      decided('c', 'bob@x', '2026-03-02T12:00:00Z', '2026-03-01T10:00:00Z'), // 26 h
    ];
    const oldest = { id: 'w1', createdAt: at('2026-02-27T08:00:00Z') };
    expect(buildHeadline({ count: 4, oldest }, decisions)).toEqual({
      backlog: 4,
      oldestWaitingAt: '2026-02-27T08:00:00.000Z',
      oldestWaitingCaseId: 'w1',
      decisions: 4,
      medianDecisionMs: 3 * 3_600_000,
    });
    expect(buildHeadline({ count: 0 }, [])).toEqual({ backlog: 0, decisions: 0 });
  });

  it('counts decisions per reviewer per UTC day, busiest first', () => {
    const rows = buildReviewerThroughput([
      decided('a', 'bob@x', '2026-03-01T23:59:00Z', '2026-03-01T10:00:00Z'),
      decided('b', 'ann@x', '2026-03-01T10:00:00Z', '2026-03-01T09:00:00Z'),
      decided('c', 'bob@x', '2026-03-02T00:01:00Z', '2026-03-01T10:00:00Z'),
      decided('d', 'bob@x', '2026-03-02T08:00:00Z', '2026-03-01T10:00:00Z'),
    ]);
    expect(rows).toEqual([
      { email: 'bob@x', decisions: 3, activeDays: 2, byDay: { '2026-03-01': 1, '2026-03-02': 2 } },
      { email: 'ann@x', decisions: 1, activeDays: 1, byDay: { '2026-03-01': 1 } },
    ]);
  });
});
