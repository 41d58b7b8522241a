import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Notice, Spinner } from '../../lib/ui';
import { REVIEW_POLL_MS, auditQuery, caseDetailPending, caseQuery, type ReviewCaseDetail } from './api';
import { decisionsFromAudit } from './audit';
import { DisagreementBadge, ReviewStatusBadge, StatusBadge } from './components/badges';
import { CheckCard } from './components/check-card';
import { DecisionPanel } from './components/decision-panel';
import { DeleteCasePanel } from './components/delete-case-panel';
import { IntegrityPanel } from './components/integrity-panel';
import { MediaPanel } from './components/media-panel';
import { QueryErrorNotice } from './components/query-error-notice';
import { RerunPanel } from './components/rerun-panel';
import { SessionPanel } from './components/session-panel';
import { Retention } from './components/retention';
import { TelemetryPanel } from './components/telemetry-panel';
import { Timeline } from './components/timeline';

/** Distinct verdicts among finished checks; more than one means the providers disagree. */
function verdictsOf(c: ReviewCaseDetail): string[] {
  const set = new Set<string>();
  for (const k of c.checks) if (k.outcome?.kind === 'result') set.add(k.outcome.verdict);
  return [...set];
}

export function CasePage() {
  const { id = '' } = useParams();
  const user = useSessionUser();
  const { data, error, isPending, refetch } = useQuery(caseQuery(id));
  // The audit trail is read after the case, so it includes this visit's "case viewed".
  const audit = useQuery({
    ...auditQuery(id),
    enabled: !!data,
    // Vendor calls land in the trail as they finish: follow them while the case is still running.
    refetchInterval: data && caseDetailPending(data) ? REVIEW_POLL_MS : false,
  });

  useEffect(() => {
    document.title = `Case ${id.slice(0, 8)} · Review`;
  }, [id]);

  const verdicts = data ? verdictsOf(data) : [];
  // The case carries its decisions; older servers only have them in the audit trail.
  const decisions = data?.decisions ?? decisionsFromAudit(audit.data?.events ?? []);

  return (
    <div className="flex flex-col gap-5">
      <nav aria-label="Breadcrumb">
        <Link to="/review" className="text-sm text-sky-800 underline underline-offset-4">
          ← Queue
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
            <ReviewStatusBadge status={data.reviewStatus} decision={data.decision} />
            {data.disagreement ? <DisagreementBadge /> : null}
            <p className="w-full text-sm text-slate-600">
              Captured <time dateTime={data.createdAt}>{formatDateTime(data.createdAt)}</time>
              {data.assignee ? ` · assigned to ${data.assignee.email}` : ' · unassigned'}
            </p>
            <p className="w-full text-sm text-slate-600" data-testid="consent-record">
              {data.consent ? (
                <>
                  Consent: text version <span className="font-mono">{data.consent.version}</span> ({data.consent.locale}), agreed{' '}
                  <time dateTime={data.consent.acceptedAt}>{formatDateTime(data.consent.acceptedAt)}</time>
                </>
              ) : (
                'No consent record (captured before consent was recorded)'
              )}
            </p>
          </header>
          <Retention mediaExpiresAt={data.mediaExpiresAt} mediaPurged={data.mediaPurged} />
          <SessionPanel data={data} />

          <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <div className="flex min-w-0 flex-col gap-4">
              <MediaPanel media={data.media} telemetry={data.telemetry} />
              <IntegrityPanel integrity={data.integrity} media={data.media} />
            </div>
            <TelemetryPanel telemetry={data.telemetry} media={data.media} />
          </div>

          <section aria-labelledby="checks-title" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <h2 id="checks-title" className="text-xl font-semibold">
                Vendor results
              </h2>
              {caseDetailPending(data) ? (
                <span className="flex items-center gap-1 text-sm text-slate-600">
                  <Spinner className="size-4" /> updating…
                </span>
              ) : null}
            </div>
            {verdicts.length > 1 ? (
              <Notice tone="warning" heading="Vendors disagree">
                Verdicts: {verdicts.join(', ')}. Look at the video before deciding.
              </Notice>
            ) : null}
            {data.checks.length === 0 ? <p className="text-sm text-slate-600">No vendor checks for this case.</p> : null}
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
              {data.checks.map((k) => (
                <CheckCard key={k.id} check={k} />
              ))}
            </div>
          </section>

          <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
            <DecisionPanel caseId={data.id} decisions={decisions} />
            <Timeline events={audit.data?.events} error={audit.error} loading={audit.isPending && audit.fetchStatus !== 'idle'} />
          </div>
          <RerunPanel caseId={data.id} mediaPurged={data.mediaPurged} />
          {isAdmin(user) ? <DeleteCasePanel caseId={data.id} /> : null}
        </>
      ) : null}
    </div>
  );
}
