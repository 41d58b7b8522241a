/** The queue's risk-first cells, shared by the wide table and the narrow list: risk, screening, vendor chips. */
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { ReviewCaseSummary } from '../api';
import { integrityHeadline, orderedVendorChecks, riskLevel, suspectedFake } from '../risk';
import { DisagreementBadge, ProviderChip } from './badges';

const PILL = 'inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset';

const RISK_STYLE = {
  high: 'bg-rose-700 text-white ring-rose-800',
  medium: 'bg-amber-100 text-amber-900 ring-amber-400',
  low: 'bg-slate-100 text-slate-800 ring-slate-300',
} as const;

export function RiskBadge({ score }: { score: number }) {
  const level = riskLevel(score);
  const { t } = useReviewI18n();
  return (
    <span
      data-testid="risk"
      data-risk={score}
      data-level={level}
      className={`${PILL} whitespace-nowrap ${RISK_STYLE[level]}`}
      title={t('risk.title', { score })}
    >
      {t(`risk.${level}`)}
    </span>
  );
}

const SCREENING_STYLE = {
  fake: 'bg-rose-100 text-rose-900 ring-rose-300',
  bad: 'bg-amber-100 text-amber-900 ring-amber-300',
  clean: 'bg-slate-100 text-slate-800 ring-slate-300',
  pending: 'bg-sky-100 text-sky-900 ring-sky-300',
  error: 'bg-slate-100 text-slate-800 ring-slate-300',
  off: 'bg-white text-slate-600 ring-slate-200',
} as const;

/** The local screening first: its verdict in words and its findings (virtual camera, frozen frames, splices, faces). */
export function ScreeningCell({ integrity }: { integrity: ReviewCaseSummary['integrity'] }) {
  const head = integrityHeadline(integrity);
  const { t } = useReviewI18n();
  const codes = [...new Set(integrity?.findings.map((f) => f.code) ?? [])];
  return (
    <span className="flex flex-col items-start gap-1" data-testid="screening" data-tone={head.tone}>
      <span className={`${PILL} ${SCREENING_STYLE[head.tone]}`}>{t(`screening.${head.tone}`)}</span>
      {codes.length > 0 ? (
        <span className="text-xs text-slate-700" data-testid="findings">
          {codes.map((c) => t(`finding.${c}`)).join(t('list.separator'))}
        </span>
      ) : null}
    </span>
  );
}

/** The vendors' verdicts in a stable order; a pass is neutral when the screening suspects a fake. */
export function VendorChips({ c }: { c: ReviewCaseSummary }) {
  const checks = orderedVendorChecks(c.checks);
  const overruled = suspectedFake(c.integrity);
  const { t } = useReviewI18n();
  return (
    <span className="flex flex-wrap items-center gap-1">
      {c.disagreement ? <DisagreementBadge /> : null}
      {checks.length === 0 ? <span className="text-xs text-slate-500">{t('vendors.none')}</span> : null}
      {checks.map((k, i) => (
        <ProviderChip
          key={`${k.providerId}-${i}`}
          providerId={k.providerId}
          mode={k.mode}
          status={k.status}
          verdict={k.verdict}
          category={k.category}
          overruled={overruled}
        />
      ))}
    </span>
  );
}
