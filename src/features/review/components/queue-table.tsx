import { Link } from 'react-router';
import { shortId } from '../../../lib/format';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { ReviewCaseSummary } from '../api';
import { ReviewStatusBadge, StatusBadge } from './badges';
import { RiskBadge, ScreeningCell, VendorChips } from './risk-cells';

/** The queue as a table (wide screens): one row per case, risk and the local screening before the vendors. */
export function QueueTable({ cases, now }: { cases: ReviewCaseSummary[]; now: number }) {
  const { t, dateTime, age } = useReviewI18n();
  return (
    <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('queue.cases')}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.case')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.risk')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.screening')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.application')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.reference')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.age')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.review')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.vendors')}
            </th>
            <th scope="col" className="px-3 py-2">
              {t('queue.col.assignee')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {cases.map((c) => (
            <tr
              key={c.id}
              data-testid="case-row"
              data-case-id={c.id}
              data-status={c.status}
              data-review-status={c.reviewStatus}
              data-risk={c.risk}
              className="hover:bg-sky-50"
            >
              <td className="px-3 py-2">
                <Link
                  to={`/review/cases/${encodeURIComponent(c.id)}`}
                  className="font-mono font-semibold text-sky-800 underline underline-offset-4"
                  aria-label={t('queue.caseLink', { id: c.id })}
                  title={c.id}
                >
                  {shortId(c.id)}
                </Link>
              </td>
              <td className="px-3 py-2">
                <RiskBadge score={c.risk} />
              </td>
              <td className="px-3 py-2">
                <ScreeningCell integrity={c.integrity} />
              </td>
              <td className="px-3 py-2 text-xs">
                {c.application ? (
                  <Link
                    to={`/review?applicationId=${encodeURIComponent(c.application.id)}`}
                    className="text-sky-800 underline underline-offset-4"
                    title={t('queue.onlyApplication', { name: c.application.name })}
                  >
                    {c.application.name}
                  </Link>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              <td className="max-w-40 truncate px-3 py-2 font-mono text-xs" title={c.reference}>
                {c.reference ?? <span className="text-slate-500">—</span>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={c.createdAt} title={dateTime(c.createdAt)}>
                  {age(c.createdAt, now)}
                </time>
              </td>
              <td className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  <ReviewStatusBadge status={c.reviewStatus} decision={c.decision} />
                  {c.status !== 'done' ? <StatusBadge status={c.status} /> : null}
                </span>
              </td>
              <td className="px-3 py-2">
                <VendorChips c={c} />
              </td>
              <td className="px-3 py-2 text-xs text-slate-600">{c.assignee?.email ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
