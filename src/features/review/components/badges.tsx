import type { CaseStatus, CheckStatus, Decision, ErrorCategory, ProviderMode, ReviewStatus, Verdict } from '@contract/api';

const VERDICT_STYLE: Record<Verdict, string> = {
  pass: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  review: 'bg-amber-100 text-amber-900 ring-amber-300',
  fail: 'bg-rose-100 text-rose-900 ring-rose-300',
};

const VERDICT_LABEL: Record<Verdict, string> = { pass: 'Pass', review: 'Review', fail: 'Fail' };

const PILL = 'inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset';

export function VerdictBadge({ verdict, large = false }: { verdict: Verdict; large?: boolean }) {
  return (
    <span data-verdict={verdict} className={`${PILL} ${VERDICT_STYLE[verdict]} ${large ? 'px-3 py-1 text-base' : ''}`}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

/** Error categories in the reviewer's words (the code stays in `data-category`). */
export const ERROR_LABEL: Record<ErrorCategory, string> = {
  retake: 'retake needed',
  input: 'request refused',
  auth: 'account or key refused',
  throttled: 'rate-limited',
  unavailable: 'vendor unavailable',
  timeout: 'timed out',
  vendor_protocol: 'unreadable vendor answer',
};

/** What each category means for this check, shown beside the badge. */
export const ERROR_EXPLANATION: Record<ErrorCategory, string> = {
  retake: 'The vendor could not use the clip; the person was asked to record again.',
  input: 'The vendor refused our request as malformed or unsupported.',
  auth: "The vendor refused our credentials or account; an administrator has to fix the vendor's settings.",
  throttled: 'The vendor kept asking us to slow down; the check was not sent again.',
  unavailable: 'The vendor could not be reached or failed, even after retries.',
  timeout: 'The vendor did not answer in time.',
  vendor_protocol:
    'The vendor answered in a way we cannot read (an unknown code, a redirect, a body we cannot parse or one too large). ' +
    'It may have processed the request, so it was not sent again automatically; re-run it if you need a result.',
};

export function ErrorBadge({ category, large = false }: { category: ErrorCategory | 'error'; large?: boolean }) {
  return (
    <span
      data-category={category}
      className={`${PILL} bg-slate-100 text-slate-800 ring-slate-300 ${large ? 'px-3 py-1 text-base' : ''}`}
    >
      Error: {category === 'error' ? 'error' : (ERROR_LABEL[category] ?? category)}
    </span>
  );
}

const STATUS_STYLE: Record<CaseStatus | CheckStatus, string> = {
  processing: 'bg-sky-100 text-sky-900 ring-sky-300',
  pending: 'bg-sky-100 text-sky-900 ring-sky-300',
  running: 'bg-sky-100 text-sky-900 ring-sky-300',
  done: 'bg-slate-100 text-slate-800 ring-slate-300',
  retake: 'bg-amber-100 text-amber-900 ring-amber-300',
  error: 'bg-rose-100 text-rose-900 ring-rose-300',
};

export function StatusBadge({ status }: { status: CaseStatus | CheckStatus }) {
  return (
    <span data-status={status} className={`${PILL} ${STATUS_STYLE[status]}`}>
      {status}
    </span>
  );
}

/** Vendors returned different verdicts for the same capture: a reviewer should look closely. */
export function DisagreementBadge() {
  return (
    <span
      data-testid="disagreement"
      className={`${PILL} bg-amber-100 text-amber-900 ring-amber-400`}
      title="The vendors' verdicts differ for this capture"
    >
      Vendors disagree
    </span>
  );
}

/** The "Simulated" badge must be impossible to miss: simulated results are not real vendor answers. */
export function ModeBadge({ mode }: { mode: ProviderMode }) {
  if (mode === 'simulated') {
    return (
      <span
        className={`${PILL} bg-violet-600 text-white ring-violet-700`}
        title="Answer from the built-in simulator, not the real vendor"
      >
        Simulated
      </span>
    );
  }
  if (mode === 'local') return <span className={`${PILL} bg-slate-100 text-slate-800 ring-slate-300`}>Local</span>;
  return <span className={`${PILL} bg-sky-100 text-sky-900 ring-sky-300`}>Live</span>;
}

/** Compact per-provider chip for the case list. */
export function ProviderChip({
  providerId,
  mode,
  status,
  verdict,
  category,
  overruled = false,
}: {
  providerId: string;
  mode: ProviderMode;
  status: CheckStatus;
  verdict?: Verdict;
  category?: ErrorCategory;
  /** The local screening suspects a fake: a vendor's pass is shown neutral, not as a green all-clear. */
  overruled?: boolean;
}) {
  const neutralPass = overruled && verdict === 'pass';
  const style = neutralPass
    ? 'bg-white text-slate-700 ring-slate-300'
    : verdict
      ? VERDICT_STYLE[verdict]
      : category || status === 'error'
        ? 'bg-slate-100 text-slate-800 ring-slate-300'
        : STATUS_STYLE[status];
  const result = verdict ? VERDICT_LABEL[verdict] : category ? `error: ${ERROR_LABEL[category] ?? category}` : status;
  return (
    <span
      className={`${PILL} ${style}`}
      data-provider={providerId}
      data-verdict={verdict ?? ''}
      data-overruled={neutralPass ? 'true' : undefined}
      title={
        neutralPass
          ? 'The vendor passed it, but the local screening suspects a fake'
          : mode === 'simulated'
            ? 'Simulated provider'
            : undefined
      }
    >
      <span className="font-mono">{providerId}</span>
      {mode === 'simulated' ? <span className="font-normal">(sim)</span> : null}
      <span aria-hidden="true">—</span>
      <span>{result}</span>
      {neutralPass ? <span className="sr-only">(contradicted by the local screening)</span> : null}
    </span>
  );
}

const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = { new: 'New', in_review: 'In review', decided: 'Decided' };
const REVIEW_STATUS_STYLE: Record<ReviewStatus, string> = {
  new: 'bg-sky-100 text-sky-900 ring-sky-300',
  in_review: 'bg-amber-100 text-amber-900 ring-amber-300',
  decided: 'bg-slate-100 text-slate-800 ring-slate-300',
};
const DECISION_STYLE: Record<Decision, string> = {
  approve: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  reject: 'bg-rose-100 text-rose-900 ring-rose-300',
  escalate: 'bg-violet-100 text-violet-900 ring-violet-300',
};
export const DECISION_LABEL: Record<Decision, string> = { approve: 'Approved', reject: 'Rejected', escalate: 'Escalated' };

/** Where the case is in review, with the decision once there is one. */
export function ReviewStatusBadge({ status, decision }: { status: ReviewStatus; decision?: Decision | undefined }) {
  return (
    <span
      className="inline-flex flex-wrap gap-1"
      data-testid="review-status"
      data-review-status={status}
      data-decision={decision ?? ''}
    >
      <span className={`${PILL} ${REVIEW_STATUS_STYLE[status]}`}>{REVIEW_STATUS_LABEL[status]}</span>
      {decision ? <span className={`${PILL} ${DECISION_STYLE[decision]}`}>{DECISION_LABEL[decision]}</span> : null}
    </span>
  );
}
