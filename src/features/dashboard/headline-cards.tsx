/** The manager's figures first: backlog, oldest waiting case, median time to decision. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DashboardResponse } from '@contract/api';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { formatWait } from './durations';
import { useDashboardText } from './text';

function Card({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-2xl bg-white p-4 ring-1 ring-slate-200" data-testid={testId}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-2xl font-bold tracking-tight text-slate-900">{value}</dd>
      {detail ? <dd className="text-sm text-slate-600">{detail}</dd> : null}
    </div>
  );
}

export function HeadlineCards({ headline }: { headline: DashboardResponse['headline'] }) {
  const { backlog, oldestWaitingAt, oldestWaitingCaseId, medianDecisionMs, decisions } = headline;
  const T = useDashboardText();
  const { age, dateTime, number } = useReviewI18n();
  return (
    <section aria-labelledby="dashboard-headline">
      <h2 id="dashboard-headline" className="sr-only">
        {T.headlineHeading}
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Card
          testId="headline-backlog"
          label={T.backlog}
          value={number(backlog)}
          detail={backlog === 0 ? T.backlogNone : undefined}
        />
        <Card
          testId="headline-oldest"
          label={T.oldestWaiting}
          value={
            oldestWaitingAt && oldestWaitingCaseId ? (
              <Link className="text-sky-800 underline" to={`/review/cases/${oldestWaitingCaseId}`}>
                {T.oldestWaitingAge(age(oldestWaitingAt))}
              </Link>
            ) : (
              T.oldestWaitingNone
            )
          }
          detail={oldestWaitingAt ? dateTime(oldestWaitingAt) : undefined}
        />
        <Card
          testId="headline-median"
          label={T.medianDecision}
          value={
            medianDecisionMs === undefined
              ? '—'
              : formatWait(medianDecisionMs, (n, unit) => number(n, { style: 'unit', unit, unitDisplay: 'short' }))
          }
          detail={medianDecisionMs === undefined ? T.medianDecisionNone : T.decisionsInPeriod(decisions)}
        />
      </dl>
    </section>
  );
}
