import type { CaseStatus, CheckStatus } from '@contract/api';
import type { CheckOutcome, RetakeReason } from '../providers/types.js';

export interface CheckState {
  status: CheckStatus;
  outcome?: CheckOutcome | null;
}

/**
 * A case is processing while any check is unfinished; it asks for a retake when any vendor said
 * the clip itself was unusable (no face, poor quality…); otherwise it is done. Vendor outages are
 * not the person's fault, so they never turn into a retake.
 */
export function deriveCaseStatus(checks: CheckState[]): { status: CaseStatus; retakeReason?: RetakeReason } {
  if (checks.some((c) => c.status === 'pending' || c.status === 'running')) return { status: 'processing' };
  for (const c of checks) {
    if (c.outcome?.kind === 'error' && c.outcome.category === 'retake') {
      return { status: 'retake', retakeReason: c.outcome.retakeReason ?? 'poor_quality' };
    }
  }
  return { status: 'done' };
}

/**
 * Vendors disagree when their finished results carry more than one distinct verdict. The on-box `local` screening is
 * not a vendor (and never says pass): it has its own column and risk weight, so it never makes a disagreement.
 */
export function hasDisagreement(checks: Array<{ providerId: string; outcome?: CheckOutcome | null }>): boolean {
  const verdicts = new Set(
    checks.flatMap(({ providerId, outcome: o }) => (providerId !== 'local' && o?.kind === 'result' ? [o.verdict] : [])),
  );
  return verdicts.size > 1;
}
