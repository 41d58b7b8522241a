import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { CaseDetail } from '../../../server/api-types';
import { formatDateTime } from '../../lib/format';
import { Notice, Spinner } from '../../lib/ui';
import { caseDetailPending, caseQuery } from './api';
import { DisagreementBadge, StatusBadge } from './components/badges';
import { CheckCard } from './components/CheckCard';
import { IntegrityPanel } from './components/IntegrityPanel';
import { MediaPanel } from './components/MediaPanel';
import { QueryErrorNotice } from './components/QueryErrorNotice';
import { TelemetryPanel } from './components/TelemetryPanel';

/** Distinct verdicts among finished checks; more than one means the providers disagree. */
function verdictsOf(c: CaseDetail): string[] {
  const set = new Set<string>();
  for (const k of c.checks) if (k.outcome?.kind === 'result') set.add(k.outcome.verdict);
  return [...set];
}

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { data, error, isPending, refetch } = useQuery(caseQuery(id));

  useEffect(() => {
    document.title = `Case ${id.slice(0, 8)} · Review`;
  }, [id]);

  const verdicts = data ? verdictsOf(data) : [];

  return (
    <div className="flex flex-col gap-5">
      <nav aria-label="Breadcrumb">
        <Link to="/review" className="text-sm text-sky-800 underline underline-offset-4">
          ← All cases
        </Link>
      </nav>

      {isPending ? (
        <p className="flex items-center gap-2 text-slate-600" role="status">
          <Spinner className="size-4" /> Loading the case…
        </p>
      ) : null}
      {error ? <QueryErrorNotice error={error} what="this case" onRetry={() => void refetch()} /> : null}

      {data ? (
        <>
          <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="text-2xl font-bold tracking-tight">
              Case <span className="font-mono text-xl break-all">{data.id}</span>
            </h1>
            <StatusBadge status={data.status} />
            {data.disagreement ? <DisagreementBadge /> : null}
            <time className="w-full text-sm text-slate-600" dateTime={data.createdAt}>
              {formatDateTime(data.createdAt)}
            </time>
          </header>

          <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <MediaPanel media={data.media.filter((m) => !m.role.startsWith('frame.'))} />
            <TelemetryPanel telemetry={data.telemetry} />
          </div>

          <IntegrityPanel integrity={data.integrity} media={data.media} />

          <section aria-labelledby="checks-title" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <h2 id="checks-title" className="text-xl font-semibold">
                Provider results
              </h2>
              {caseDetailPending(data) ? (
                <span className="flex items-center gap-1 text-sm text-slate-600">
                  <Spinner className="size-4" /> updating…
                </span>
              ) : null}
            </div>
            {verdicts.length > 1 ? (
              <Notice tone="warning" heading="Providers disagree">
                Verdicts: {verdicts.join(', ')}. Look at the video before deciding.
              </Notice>
            ) : null}
            {data.checks.length === 0 ? <p className="text-sm text-slate-600">No provider checks for this case.</p> : null}
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
              {data.checks.map((k) => (
                <CheckCard key={k.id} check={k} />
              ))}
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}
