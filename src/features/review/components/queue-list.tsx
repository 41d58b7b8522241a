import { Link } from 'react-router';
import { shortId } from '../../../lib/format';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { ReviewCaseSummary } from '../api';
import { ReviewStatusBadge, StatusBadge } from './badges';
import { RiskBadge, ScreeningCell, VendorChips } from './risk-cells';

/** The queue on a narrow screen: one card per case, risk first, nothing to scroll sideways. */
export function QueueList({ cases, now }: { cases: ReviewCaseSummary[]; now: number }) {
  const { t, dateTime, age } = useReviewI18n();
  return (
    <ul className="flex flex-col gap-2" aria-label={t('queue.cases')}>
      {cases.map((c) => (
        <li
          key={c.id}
          data-testid="case-row"
          data-case-id={c.id}
          data-status={c.status}
          data-review-status={c.reviewStatus}
          data-risk={c.risk}
          className="flex flex-col gap-2 rounded-2xl bg-white p-3 text-sm ring-1 ring-slate-200"
        >
          <div className="flex flex-wrap items-center gap-2">
            <RiskBadge score={c.risk} />
            <Link
              to={`/review/cases/${encodeURIComponent(c.id)}`}
              className="font-mono font-semibold text-sky-800 underline underline-offset-4"
              aria-label={t('queue.caseLink', { id: c.id })}
              title={c.id}
            >
              {shortId(c.id)}
            </Link>
            <time className="ml-auto text-xs text-slate-600" dateTime={c.createdAt} title={dateTime(c.createdAt)}>
              {age(c.createdAt, now)}
            </time>
          </div>
          <ScreeningCell integrity={c.integrity} />
          <VendorChips c={c} />
          <div className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
            <ReviewStatusBadge status={c.reviewStatus} decision={c.decision} />
            {c.status !== 'done' ? <StatusBadge status={c.status} /> : null}
            {c.application ? <span className="truncate">{c.application.name}</span> : null}
            {c.reference ? <span className="truncate font-mono">{c.reference}</span> : null}
            {c.assignee ? <span className="truncate">{c.assignee.email}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
