import { Link } from 'react-router';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import type { ReviewCaseSummary } from '../api';
import { CaseAge, CaseLink, CaseStatusBadges, caseRowData } from './case-cells';
import { RiskBadge, ScreeningCell, VendorChips } from './risk-cells';

const COLUMNS = ['case', 'risk', 'screening', 'application', 'reference', 'age', 'review', 'vendors', 'assignee'] as const;

/** The queue as a table (wide screens): one row per case, risk and the local screening before the vendors. */
export function QueueTable({ cases, now }: { cases: ReviewCaseSummary[]; now: number }) {
  const { t } = useReviewI18n();
  return (
    <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('queue.cases')}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            {COLUMNS.map((col) => (
              <th key={col} scope="col" className="px-3 py-2">
                {t(`queue.col.${col}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {cases.map((c) => (
            <tr key={c.id} {...caseRowData(c)} className="hover:bg-sky-50">
              <td className="px-3 py-2">
                <CaseLink id={c.id} />
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
                <CaseAge createdAt={c.createdAt} now={now} />
              </td>
              <td className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  <CaseStatusBadges c={c} />
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
