/** Decisions per reviewer per day: total, days active, average per active day and the busiest day. */
import type { DashboardResponse } from '@contract/api';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { useDashboardText } from './text';

export function ReviewerTable({ reviewers }: { reviewers: DashboardResponse['reviewers'] }) {
  const T = useDashboardText();
  const { number } = useReviewI18n();
  return (
    <section
      aria-labelledby="dashboard-reviewers"
      className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
      data-testid="reviewer-throughput"
    >
      <h2 id="dashboard-reviewers" className="text-base font-semibold">
        {T.reviewersHeading}
      </h2>
      <p className="text-xs text-slate-600">{T.reviewersDescription}</p>
      {reviewers.length === 0 ? (
        <p className="text-sm text-slate-600">{T.reviewersNone}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1">
            <thead className="text-slate-600">
              <tr>
                <th scope="col">{T.reviewerColumn}</th>
                <th scope="col">{T.decisionsColumn}</th>
                <th scope="col">{T.activeDaysColumn}</th>
                <th scope="col">{T.perDayColumn}</th>
                <th scope="col">{T.busiestDayColumn}</th>
              </tr>
            </thead>
            <tbody>
              {reviewers.map((r) => {
                const [busiestDay, busiest] = Object.entries(r.byDay).sort(([, a], [, b]) => b - a)[0] ?? ['—', 0];
                return (
                  <tr key={r.email} className="border-t border-slate-100">
                    <th scope="row" className="font-medium">
                      {r.email}
                    </th>
                    <td>{r.decisions}</td>
                    <td>{r.activeDays}</td>
                    <td>{number(r.activeDays === 0 ? 0 : r.decisions / r.activeDays, { maximumFractionDigits: 1 })}</td>
                    <td>
                      {busiestDay} ({busiest})
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
