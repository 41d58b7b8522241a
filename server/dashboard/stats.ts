/**
 * Dashboard figures, computed from the rows of the cases created in the range: the rules, written out in
 * TypeScript. The server asks the database for the same answer (figures-query.ts, tested equal to this on
 * both stores); this stays as the readable reference. Everything is bucketed by the case's creation day
 * (UTC); a case counts its latest decision; a vendor re-run on a case counts each check, but only its
 * latest verdict enters the agreement figures. A retake answer ("record again") is the capture's fault, not the
 * vendor's: it is counted apart from vendor errors. The on-box `local` screening is not a vendor
 * opinion, so it stays out of the vendor–vendor agreement.
 */
import type { Decision, DashboardResponse, ProviderId, Verdict } from '@contract/api';
import type { CheckOutcome } from '../providers/types.js';

export interface DashboardCase {
  id: string;
  createdAt: Date;
  decision: Decision | null;
}

export interface DashboardCheck {
  caseId: string;
  providerId: string;
  status: string;
  outcome: CheckOutcome | null;
  finishedAt: Date | null;
}

const DAY_MS = 86_400_000;
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const REVIEWER_VERDICT: Partial<Record<Decision, Verdict>> = { approve: 'pass', reject: 'fail' };

/** Not a vendor: left out of the vendor–vendor agreement. */
const ON_BOX_PROVIDER = 'local';

export type DashboardFigures = Omit<DashboardResponse, 'headline' | 'reviewers'>;

/** Every UTC day from `from`'s to `to`'s, each with nothing counted yet. */
export function emptyDays(from: Date, to: Date): Map<string, DashboardResponse['days'][number]> {
  const days = new Map<string, DashboardResponse['days'][number]>();
  for (let t = Date.parse(dayOf(from)); t <= to.getTime(); t += DAY_MS) {
    const day = dayOf(new Date(t));
    days.set(day, {
      day,
      cases: 0,
      verdicts: { pass: 0, review: 0, fail: 0, error: 0 },
      retakes: 0,
      decisions: { approve: 0, reject: 0, escalate: 0 },
    });
  }
  return days;
}

export function buildDashboard(from: Date, to: Date, caseRows: DashboardCase[], checkRows: DashboardCheck[]): DashboardFigures {
  const days = emptyDays(from, to);
  const caseById = new Map(caseRows.map((c) => [c.id, c]));
  for (const c of caseRows) {
    const bucket = days.get(dayOf(c.createdAt));
    if (!bucket) continue;
    bucket.cases += 1;
    if (c.decision) bucket.decisions[c.decision] += 1;
  }

  const vendors = new Map<string, { checks: number; errors: number; retakes: number; latencies: number[] }>();
  /** caseId → providerId → latest verdict. */
  const latest = new Map<string, Map<string, { verdict: Verdict; at: number }>>();
  for (const k of checkRows) {
    const c = caseById.get(k.caseId);
    if (!c || !k.outcome || (k.status !== 'done' && k.status !== 'error')) continue;
    const bucket = days.get(dayOf(c.createdAt));
    const v = vendors.get(k.providerId) ?? { checks: 0, errors: 0, retakes: 0, latencies: [] };
    vendors.set(k.providerId, v);
    v.checks += 1;
    if (k.outcome.latencyMs > 0) v.latencies.push(k.outcome.latencyMs);
    if (k.outcome.kind === 'error' && k.outcome.category === 'retake') {
      v.retakes += 1;
      if (bucket) bucket.retakes += 1;
      continue;
    }
    if (k.outcome.kind === 'error') {
      v.errors += 1;
      if (bucket) bucket.verdicts.error += 1;
      continue;
    }
    if (bucket) bucket.verdicts[k.outcome.verdict] += 1;
    const perCase = latest.get(k.caseId) ?? new Map();
    latest.set(k.caseId, perCase);
    const at = k.finishedAt?.getTime() ?? 0;
    if ((perCase.get(k.providerId)?.at ?? -1) <= at) perCase.set(k.providerId, { verdict: k.outcome.verdict, at });
  }

  const pairs = new Map<string, { a: ProviderId; b: ProviderId; cases: number; agreed: number }>();
  const vsReviewer = new Map<string, { providerId: ProviderId; cases: number; agreed: number }>();
  for (const [caseId, perCase] of latest) {
    const ids = [...perCase.keys()].filter((id) => id !== ON_BOX_PROVIDER).sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}|${ids[j]}`;
        const p = pairs.get(key) ?? { a: ids[i]!, b: ids[j]!, cases: 0, agreed: 0 };
        pairs.set(key, p);
        p.cases += 1;
        if (perCase.get(ids[i]!)!.verdict === perCase.get(ids[j]!)!.verdict) p.agreed += 1;
      }
    }
    const decision = caseById.get(caseId)?.decision;
    const reviewer = decision ? REVIEWER_VERDICT[decision] : undefined;
    if (!reviewer) continue;
    for (const [providerId, { verdict }] of perCase) {
      const r = vsReviewer.get(providerId) ?? { providerId, cases: 0, agreed: 0 };
      vsReviewer.set(providerId, r);
      r.cases += 1;
      if (verdict === reviewer) r.agreed += 1;
    }
  }

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days: [...days.values()],
    vendors: [...vendors.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([providerId, v]) => {
        const sorted = [...v.latencies].sort((x, y) => x - y);
        return {
          providerId,
          checks: v.checks,
          errors: v.errors,
          retakes: v.retakes,
          errorRate: v.checks === 0 ? 0 : v.errors / v.checks,
          latencyMsP50: percentile(sorted, 50),
          latencyMsP95: percentile(sorted, 95),
        };
      }),
    agreement: { vendorPairs: [...pairs.values()], vendorVsReviewer: [...vsReviewer.values()] },
  };
}
