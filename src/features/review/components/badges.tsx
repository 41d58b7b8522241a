import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { CaseStatus, CheckStatus, Decision, ErrorCategory, ProviderMode, ReviewStatus, Verdict } from '@contract/api';

const VERDICT_STYLE: Record<Verdict, string> = {
  pass: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  review: 'bg-amber-100 text-amber-900 ring-amber-300',
  fail: 'bg-rose-100 text-rose-900 ring-rose-300',
};

const PILL = 'inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset';

export function VerdictBadge({ verdict, large = false }: { verdict: Verdict; large?: boolean }) {
  const { t } = useReviewI18n();
  return (
    <span data-verdict={verdict} className={`${PILL} ${VERDICT_STYLE[verdict]} ${large ? 'px-3 py-1 text-base' : ''}`}>
      {t(`verdict.${verdict}`)}
    </span>
  );
}

/** Error categories in the reviewer's words: `error.<category>`, with `errorExplain.<category>` beside the badge. */
export function ErrorBadge({ category, large = false }: { category: ErrorCategory | 'error'; large?: boolean }) {
  const { t } = useReviewI18n();
  return (
    <span
      data-category={category}
      className={`${PILL} bg-slate-100 text-slate-800 ring-slate-300 ${large ? 'px-3 py-1 text-base' : ''}`}
    >
      {t('badge.error', { label: t(`error.${category}`) })}
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
  const { t } = useReviewI18n();
  return (
    <span data-status={status} className={`${PILL} ${STATUS_STYLE[status]}`}>
      {t(`status.${status}`)}
    </span>
  );
}

/** Vendors returned different verdicts for the same capture: a reviewer should look closely. */
export function DisagreementBadge() {
  const { t } = useReviewI18n();
  return (
    <span data-testid="disagreement" className={`${PILL} bg-amber-100 text-amber-900 ring-amber-400`} title={t('disagree.title')}>
      {t('disagree.badge')}
    </span>
  );
}

/** The "Simulated" badge must be impossible to miss: simulated results are not real vendor answers. */
export function ModeBadge({ mode }: { mode: ProviderMode }) {
  const { t } = useReviewI18n();
  if (mode === 'simulated') {
    return (
      <span className={`${PILL} bg-violet-600 text-white ring-violet-700`} title={t('mode.simulatedTitle')}>
        {t('mode.simulated')}
      </span>
    );
  }
  if (mode === 'local') return <span className={`${PILL} bg-slate-100 text-slate-800 ring-slate-300`}>{t('mode.local')}</span>;
  return <span className={`${PILL} bg-sky-100 text-sky-900 ring-sky-300`}>{t('mode.live')}</span>;
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
  const { t } = useReviewI18n();
  const neutralPass = overruled && verdict === 'pass';
  const style = neutralPass
    ? 'bg-white text-slate-700 ring-slate-300'
    : verdict
      ? VERDICT_STYLE[verdict]
      : category || status === 'error'
        ? 'bg-slate-100 text-slate-800 ring-slate-300'
        : STATUS_STYLE[status];
  const result = verdict
    ? t(`verdict.${verdict}`)
    : category
      ? t('chip.error', { label: t(`error.${category}`) })
      : t(`status.${status}`);
  return (
    <span
      className={`${PILL} ${style}`}
      data-provider={providerId}
      data-verdict={verdict ?? ''}
      data-overruled={neutralPass ? 'true' : undefined}
      title={neutralPass ? t('chip.overruledTitle') : mode === 'simulated' ? t('chip.simTitle') : undefined}
    >
      <span className="font-mono">{providerId}</span>
      {mode === 'simulated' ? <span className="font-normal">{t('chip.sim')}</span> : null}
      <span aria-hidden="true">—</span>
      <span>{result}</span>
      {neutralPass ? <span className="sr-only">{t('chip.overruledSr')}</span> : null}
    </span>
  );
}

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

/** Where the case is in review, with the decision once there is one. */
export function ReviewStatusBadge({ status, decision }: { status: ReviewStatus; decision?: Decision | undefined }) {
  const { t } = useReviewI18n();
  return (
    <span
      className="inline-flex flex-wrap gap-1"
      data-testid="review-status"
      data-review-status={status}
      data-decision={decision ?? ''}
    >
      <span className={`${PILL} ${REVIEW_STATUS_STYLE[status]}`}>{t(`reviewStatus.${status}`)}</span>
      {decision ? <span className={`${PILL} ${DECISION_STYLE[decision]}`}>{t(`decision.${decision}`)}</span> : null}
    </span>
  );
}
