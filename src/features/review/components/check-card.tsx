import type { ReactNode } from 'react';
import type { CheckView } from '@contract/api';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Spinner } from '../../../lib/ui';
import { ErrorBadge, ModeBadge, StatusBadge, VerdictBadge } from './badges';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-2 py-1.5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function RawBlock({ raw }: { raw: unknown }) {
  let text: string;
  try {
    // A text answer (an HTML page, a truncated body) reads best as it came, not as a quoted JSON string.
    text = typeof raw === 'string' ? raw : (JSON.stringify(raw, null, 2) ?? String(raw));
  } catch {
    text = String(raw);
  }
  const { t } = useReviewI18n();
  return (
    <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">{t('check.raw')}</summary>
      <pre
        className="max-h-96 overflow-auto border-t border-slate-200 p-3 text-xs leading-relaxed"
        tabIndex={0}
        data-testid="raw-response"
      >
        {text}
      </pre>
    </details>
  );
}

/** Score on a 0–1 track with the vendor's threshold marked (the numbers are in the text beside it). */
function ScoreBar({ score, threshold }: { score: number; threshold?: number | undefined }) {
  const over = threshold !== undefined && score >= threshold;
  return (
    <div className="relative mt-1 h-2 w-full rounded-full bg-slate-200" aria-hidden="true">
      <div
        className={`h-2 rounded-full ${threshold === undefined ? 'bg-slate-500' : over ? 'bg-rose-500' : 'bg-emerald-500'}`}
        style={{ width: `${Math.min(100, Math.max(0, score * 100))}%` }}
      />
      {threshold !== undefined ? (
        <div
          className="absolute -top-1 h-4 w-0.5 bg-slate-900"
          style={{ left: `${Math.min(100, Math.max(0, threshold * 100))}%` }}
        />
      ) : null}
    </div>
  );
}

/** One provider's result for a case. */
export function CheckCard({ check }: { check: CheckView }) {
  const { outcome } = check;
  const waiting = check.status === 'pending' || check.status === 'running';
  const { t, dateTime, number, ms } = useReviewI18n();
  const score = (n: number) => number(n, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return (
    <article
      data-testid="check-card"
      data-provider={check.providerId}
      data-mode={check.mode}
      data-status={check.status}
      className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
      aria-labelledby={`check-${check.id}-title`}
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={`check-${check.id}-title`} className="mr-auto text-lg font-semibold">
          {check.providerName}
        </h3>
        <ModeBadge mode={check.mode} />
        <StatusBadge status={check.status} />
      </header>

      {check.mode === 'simulated' ? (
        <p className="rounded-lg bg-violet-50 px-3 py-1.5 text-xs font-medium text-violet-900" data-testid="simulated-note">
          {t('check.simulatedNote')}
        </p>
      ) : null}

      {waiting ? (
        <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner className="size-4" /> {t('check.waiting')}
        </p>
      ) : null}

      {outcome?.kind === 'result' ? (
        <>
          <div>
            <VerdictBadge verdict={outcome.verdict} large />
          </div>
          <dl className="divide-y divide-slate-100">
            <Row label={t('check.score')}>
              {outcome.score !== undefined ? (
                <>
                  <span className="font-mono">{score(outcome.score)}</span>
                  {outcome.threshold !== undefined ? (
                    <span className="text-slate-500"> {t('check.threshold', { threshold: score(outcome.threshold) })}</span>
                  ) : null}
                  {outcome.threshold !== undefined ? (
                    <span className="block text-xs text-slate-600">
                      {outcome.score >= outcome.threshold ? t('check.aboveThreshold') : t('check.belowThreshold')}
                    </span>
                  ) : null}
                  <ScoreBar score={outcome.score} threshold={outcome.threshold} />
                  <span className="block text-xs text-slate-600">{t('check.scale')}</span>
                </>
              ) : (
                <span className="text-slate-500">{t('check.notGiven')}</span>
              )}
            </Row>
            <Row label={t('check.riskTags')}>
              {outcome.riskTags.length > 0 ? (
                <span className="flex flex-wrap gap-1">
                  {outcome.riskTags.map((tag) => (
                    <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                      {tag}
                    </span>
                  ))}
                </span>
              ) : (
                <span className="text-slate-500">{t('check.none')}</span>
              )}
            </Row>
            <Row label={t('check.requestId')}>
              <span className="font-mono text-xs">{outcome.vendorRequestId ?? '—'}</span>
            </Row>
            <Row label={t('check.latency')}>{ms(outcome.latencyMs)}</Row>
          </dl>
        </>
      ) : null}

      {outcome?.kind === 'error' ? (
        <>
          <div>
            <ErrorBadge category={outcome.category} large />
            <p className="mt-2 text-sm text-slate-700" data-testid="error-explanation">
              {t(`errorExplain.${outcome.category}`)}
            </p>
          </div>
          <dl className="divide-y divide-slate-100">
            <Row label={t('check.vendorCode')}>
              <span className="font-mono text-xs">{outcome.vendorCode}</span>
            </Row>
            <Row label={t('check.message')}>{outcome.message}</Row>
            {outcome.retakeReason ? <Row label={t('check.retakeReason')}>{outcome.retakeReason}</Row> : null}
            {outcome.httpStatus !== undefined ? <Row label={t('check.httpStatus')}>{outcome.httpStatus}</Row> : null}
            <Row label={t('check.requestId')}>
              <span className="font-mono text-xs">{outcome.vendorRequestId ?? '—'}</span>
            </Row>
            <Row label={t('check.latency')}>{ms(outcome.latencyMs)}</Row>
          </dl>
        </>
      ) : null}

      {!outcome && check.status === 'error' ? <p className="text-sm text-rose-800">{t('check.failedNoAnswer')}</p> : null}

      {outcome ? <RawBlock raw={outcome.raw} /> : null}

      <footer className="text-xs text-slate-500">
        {t('check.attempts', { n: check.attempts, started: dateTime(check.createdAt) })}
        {check.finishedAt ? ` · ${t('check.finished', { at: dateTime(check.finishedAt) })}` : ''}
      </footer>
    </article>
  );
}
