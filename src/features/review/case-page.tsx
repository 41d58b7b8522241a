import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Button, Notice, SMALL_BUTTON, Spinner } from '../../lib/ui';
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
import { ShortcutsOverlay } from './components/shortcuts-overlay';
import { TelemetryPanel } from './components/telemetry-panel';
import { Timeline } from './components/timeline';
import { inProviderOrder } from './risk';
import { useShortcuts } from './shortcuts';
import { useTakeNext } from './use-take-next';

/** Distinct verdicts among finished checks; more than one means the providers disagree. */
function verdictsOf(c: ReviewCaseDetail): string[] {
  const set = new Set<string>();
  for (const k of c.checks) if (k.outcome?.kind === 'result') set.add(k.outcome.verdict);
  return [...set];
}

export function CasePage() {
  const { id = '' } = useParams();
  const user = useSessionUser();
  const { t, dateTime } = useReviewI18n();
  const { data, error, isPending, refetch } = useQuery(caseQuery(id));
  // The audit trail is read after the case, so it includes this visit's "case viewed".
  const audit = useQuery({
    ...auditQuery(id),
    enabled: !!data,
    // Vendor calls land in the trail as they finish: follow them while the case is still running.
    refetchInterval: data && caseDetailPending(data) ? REVIEW_POLL_MS : false,
  });

  useEffect(() => {
    document.title = t('case.docTitle', { id: id.slice(0, 8) });
  }, [id, t]);

  const [helpOpen, setHelpOpen] = useState(false);
  const next = useTakeNext();
  useShortcuts({ help: () => setHelpOpen((o) => !o), nextCase: () => next.mutate() });
  // Take-next hands back the case you hold until you decide it.
  const stillThis = next.isSuccess && next.data === id;

  const verdicts = data ? verdictsOf(data) : [];
  // The case carries its decisions; older servers only have them in the audit trail.
  const decisions = data?.decisions ?? decisionsFromAudit(audit.data?.events ?? []);

  return (
    <div className="flex flex-col gap-5">
      <nav aria-label={t('case.breadcrumb')} className="flex flex-wrap items-center gap-3">
        <Link to="/review" className="mr-auto text-sm text-sky-800 underline underline-offset-4">
          ← {t('nav.queue')}
        </Link>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={() => next.mutate()} aria-keyshortcuts="n">
          {next.isPending ? <Spinner className="size-4" /> : null}
          {t('case.nextCase')} <kbd className="rounded bg-slate-100 px-1 text-xs">N</kbd>
        </Button>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
          {t('case.shortcuts')} <kbd className="rounded bg-slate-100 px-1 text-xs">?</kbd>
        </Button>
      </nav>
      <ShortcutsOverlay open={helpOpen} onClose={() => setHelpOpen(false)} />
      {stillThis ? (
        <Notice tone="info" role="status">
          {t('case.stillYours')}
        </Notice>
      ) : null}
      {next.isSuccess && !next.data ? (
        <Notice tone="info" role="status">
          {t('case.noOther')}
        </Notice>
      ) : null}
      {next.error ? (
        <Notice tone="error" role="alert">
          {next.error.message}
        </Notice>
      ) : null}

      {isPending ? (
        <p className="flex items-center gap-2 text-slate-600" role="status">
          <Spinner className="size-4" /> {t('case.loading')}
        </p>
      ) : null}
      {error ? <QueryErrorNotice error={error} what={t('case.what')} onRetry={() => void refetch()} /> : null}

      {data ? (
        <>
          <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="text-2xl font-bold tracking-tight">
              {t('case.heading')} <span className="font-mono text-xl break-all">{data.id}</span>
            </h1>
            <StatusBadge status={data.status} />
            <ReviewStatusBadge status={data.reviewStatus} decision={data.decision} />
            {data.disagreement ? <DisagreementBadge /> : null}
            <p className="w-full text-sm text-slate-600">
              {t('case.captured')} <time dateTime={data.createdAt}>{dateTime(data.createdAt)}</time>
              {' · '}
              {data.assignee ? t('case.assignedTo', { email: data.assignee.email }) : t('case.unassigned')}
            </p>
            <p className="w-full text-sm text-slate-600" data-testid="consent-record">
              {data.consent ? (
                <>
                  {t('case.consentVersion')} <span className="font-mono">{data.consent.version}</span> ({data.consent.locale}),{' '}
                  {t('case.consentAgreed')} <time dateTime={data.consent.acceptedAt}>{dateTime(data.consent.acceptedAt)}</time>
                </>
              ) : (
                t('case.noConsent')
              )}
            </p>
          </header>
          <Retention mediaExpiresAt={data.mediaExpiresAt} mediaPurged={data.mediaPurged} />
          <SessionPanel data={data} />

          <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <div className="flex min-w-0 flex-col gap-4">
              <MediaPanel media={data.media} telemetry={data.telemetry} />
            </div>
            <TelemetryPanel telemetry={data.telemetry} media={data.media} />
          </div>
          {/* Full width, so all ten sampled frames sit in one row on a desktop screen. */}
          <IntegrityPanel integrity={data.integrity} media={data.media} />

          <section aria-labelledby="checks-title" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <h2 id="checks-title" className="text-xl font-semibold">
                {t('case.vendorResults')}
              </h2>
              {caseDetailPending(data) ? (
                <span className="flex items-center gap-1 text-sm text-slate-600">
                  <Spinner className="size-4" /> {t('case.updating')}
                </span>
              ) : null}
            </div>
            {verdicts.length > 1 ? (
              <Notice tone="warning" heading={t('disagree.badge')}>
                {t('case.disagreeBody', {
                  verdicts: verdicts.map((v) => t(`verdict.${v as 'pass' | 'review' | 'fail'}`)).join(t('list.separator')),
                })}
              </Notice>
            ) : null}
            {data.checks.length === 0 ? <p className="text-sm text-slate-600">{t('case.noChecks')}</p> : null}
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
              {inProviderOrder(data.checks).map((k) => (
                <CheckCard key={k.id} check={k} />
              ))}
            </div>
          </section>

          <Timeline events={audit.data?.events} error={audit.error} loading={audit.isPending && audit.fetchStatus !== 'idle'} />
          <RerunPanel caseId={data.id} mediaPurged={data.mediaPurged} />
          {isAdmin(user) ? <DeleteCasePanel caseId={data.id} /> : null}
          {/* Last in the page and sticky: always at the bottom of the window, never scrolled away. */}
          <DecisionPanel key={data.id} caseId={data.id} decisions={decisions} />
        </>
      ) : null}
    </div>
  );
}
