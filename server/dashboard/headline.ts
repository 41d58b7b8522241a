/**
 * The manager's headline figures and the per-reviewer throughput (pure, so tests feed rows directly).
 * Days are UTC, like the rest of the dashboard.
 */
import type { DashboardResponse } from '@contract/api';

export interface WaitingCases {
  count: number;
  oldest?: { id: string; createdAt: Date };
}

/** A decision recorded in the range, with its case's arrival. */
export interface DecisionInRange {
  caseId: string;
  userEmail: string;
  createdAt: Date;
  caseCreatedAt: Date;
}

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function buildHeadline(waiting: WaitingCases, decisions: DecisionInRange[]): DashboardResponse['headline'] {
  // A case's first decision in the range is its time to decision; later ones (re-decisions) are not.
  const firstByCase = new Map<string, DecisionInRange>();
  for (const d of decisions) {
    const seen = firstByCase.get(d.caseId);
    if (!seen || d.createdAt < seen.createdAt) firstByCase.set(d.caseId, d);
  }
  const waits = [...firstByCase.values()].map((d) => Math.max(0, d.createdAt.getTime() - d.caseCreatedAt.getTime()));
  const medianDecisionMs = median(waits);
  return {
    backlog: waiting.count,
    ...(waiting.oldest
      ? { oldestWaitingAt: waiting.oldest.createdAt.toISOString(), oldestWaitingCaseId: waiting.oldest.id }
      : {}),
    decisions: decisions.length,
    ...(medianDecisionMs === undefined ? {} : { medianDecisionMs }),
  };
}

/** Decisions per reviewer per day, the busiest reviewer first (then by email). */
export function buildReviewerThroughput(decisions: DecisionInRange[]): DashboardResponse['reviewers'] {
  const byReviewer = new Map<string, Record<string, number>>();
  for (const d of decisions) {
    const days = byReviewer.get(d.userEmail) ?? {};
    byReviewer.set(d.userEmail, days);
    const day = dayOf(d.createdAt);
    days[day] = (days[day] ?? 0) + 1;
  }
  return [...byReviewer.entries()]
    .map(([email, byDay]) => ({
      email,
      decisions: Object.values(byDay).reduce((a, b) => a + b, 0),
      activeDays: Object.keys(byDay).length,
      byDay,
    }))
    .sort((a, b) => b.decisions - a.decisions || a.email.localeCompare(b.email));
}
