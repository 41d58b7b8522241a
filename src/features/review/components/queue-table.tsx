import { Link } from 'react-router';
import { formatAge, formatDateTime, shortId } from '../../../lib/format';
import type { ReviewCaseSummary } from '../api';
import { ReviewStatusBadge, StatusBadge } from './badges';
import { RiskBadge, ScreeningCell, VendorChips } from './risk-cells';

/** The queue as a table (wide screens): one row per case, risk and the local screening before the vendors. */
export function QueueTable({ cases, now }: { cases: ReviewCaseSummary[]; now: number }) {
  return (
    <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Cases</caption>
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              Case
            </th>
            <th scope="col" className="px-3 py-2">
              Risk
            </th>
            <th scope="col" className="px-3 py-2">
              Local screening
            </th>
            <th scope="col" className="px-3 py-2">
              Application
            </th>
            <th scope="col" className="px-3 py-2">
              Reference
            </th>
            <th scope="col" className="px-3 py-2">
              Age
            </th>
            <th scope="col" className="px-3 py-2">
              Review
            </th>
            <th scope="col" className="px-3 py-2">
              Vendor verdicts
            </th>
            <th scope="col" className="px-3 py-2">
              Assignee
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
                  aria-label={`Case ${c.id}`}
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
                    title={`Only cases from ${c.application.name}`}
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
                <time dateTime={c.createdAt} title={formatDateTime(c.createdAt)}>
                  {formatAge(c.createdAt, now)}
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
