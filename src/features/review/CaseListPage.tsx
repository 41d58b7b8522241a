import { useEffect } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime, shortId } from '../../lib/format';
import { Spinner } from '../../lib/ui';
import { casesQuery } from './api';
import { DisagreementBadge, ProviderChip, StatusBadge } from './components/badges';
import { QueryErrorNotice } from './components/QueryErrorNotice';

export function CaseListPage() {
  const { data, error, isPending, isFetching, refetch } = useQuery(casesQuery());

  useEffect(() => {
    document.title = 'Cases · Review';
  }, []);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Cases</h1>
        {isFetching && !isPending ? <Spinner className="size-4 text-slate-400" /> : null}
      </div>

      {isPending ? (
        <p className="flex items-center gap-2 text-slate-600" role="status">
          <Spinner className="size-4" /> Loading cases…
        </p>
      ) : null}
      {error ? <QueryErrorNotice error={error} what="the cases" onRetry={() => void refetch()} /> : null}
      {data && data.cases.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-slate-600 ring-1 ring-slate-200">
          No cases yet. Record a selfie on the <Link className="text-sky-800 underline" to="/">capture page</Link>.
        </p>
      ) : null}

      {data && data.cases.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label="Cases, newest first">
          {data.cases.map((c) => (
            <li key={c.id}>
              <Link
                to={`/review/cases/${encodeURIComponent(c.id)}`}
                data-testid="case-row"
                data-case-id={c.id}
                data-status={c.status}
                className="grid gap-2 rounded-xl bg-white p-4 ring-1 ring-slate-200 transition-colors hover:bg-sky-50 hover:ring-sky-300 sm:grid-cols-[7rem_12rem_6rem_minmax(0,1fr)] sm:items-center"
              >
                <span className="font-mono text-sm font-semibold text-sky-900" title={c.id}>
                  {shortId(c.id)}
                </span>
                <time className="text-sm text-slate-600" dateTime={c.createdAt}>
                  {formatDateTime(c.createdAt)}
                </time>
                <span className="flex flex-wrap gap-1">
                  <StatusBadge status={c.status} />
                  {c.disagreement ? <DisagreementBadge /> : null}
                </span>
                <span className="flex flex-wrap gap-1">
                  {c.checks.length === 0 ? <span className="text-xs text-slate-500">no checks</span> : null}
                  {c.checks.map((k, i) => (
                    <ProviderChip
                      key={`${k.providerId}-${i}`}
                      providerId={k.providerId}
                      mode={k.mode}
                      status={k.status}
                      verdict={k.verdict}
                      category={k.category}
                    />
                  ))}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
