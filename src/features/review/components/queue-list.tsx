import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { ReviewCaseSummary } from '../api';
import { CaseAge, CaseLink, CaseStatusBadges, caseRowData } from './case-cells';
import { RiskBadge, ScreeningCell, VendorChips } from './risk-cells';

/** The queue on a narrow screen: one card per case, risk first, nothing to scroll sideways. */
export function QueueList({ cases, now }: { cases: ReviewCaseSummary[]; now: number }) {
  const { t } = useReviewI18n();
  return (
    <ul className="flex flex-col gap-2" aria-label={t('queue.cases')}>
      {cases.map((c) => (
        <li key={c.id} {...caseRowData(c)} className="flex flex-col gap-2 rounded-2xl bg-white p-3 text-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-center gap-2">
            <RiskBadge score={c.risk} />
            <CaseLink id={c.id} />
            <CaseAge className="ml-auto text-xs text-slate-600" createdAt={c.createdAt} now={now} />
          </div>
          <ScreeningCell integrity={c.integrity} />
          <VendorChips c={c} />
          <div className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
            <CaseStatusBadges c={c} />
            {c.application ? <span className="truncate">{c.application.name}</span> : null}
            {c.reference ? <span className="truncate font-mono">{c.reference}</span> : null}
            {c.assignee ? <span className="truncate">{c.assignee.email}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
