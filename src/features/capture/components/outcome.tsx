import { useEffect, useRef, type ReactNode } from 'react';
import type { RetakeReason } from '@contract/api';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { Translate } from '../../../lib/i18n/i18n';
import { Button } from '../../../lib/ui';
import type { CaptureErrorKind } from '../machine/machine';
import { ERROR_KEYS, retakeText } from './messages';
import { detectBrowser, recoverySteps, type RecoveryStep } from '../camera/recovery';

/** Shared frame of the three end screens; moves focus to the heading so it is read out. */
function OutcomeFrame({
  status,
  tone,
  title,
  children,
  extra,
}: {
  status: 'done' | 'retake' | 'error' | 'submitted';
  tone: 'success' | 'warning' | 'error';
  title: string;
  children: ReactNode;
  extra?: Record<`data-${string}`, string>;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const ring = { success: 'ring-emerald-200', warning: 'ring-amber-200', error: 'ring-rose-200' }[tone];
  const icon = { success: '✓', warning: '↺', error: '!' }[tone];
  const iconBg = { success: 'bg-emerald-600', warning: 'bg-amber-600', error: 'bg-rose-600' }[tone];
  return (
    <div
      data-testid="outcome"
      data-status={status}
      {...extra}
      className={`flex flex-col gap-4 rounded-2xl bg-white p-6 ring-1 ${ring}`}
    >
      <div className="flex items-center gap-3">
        <span
          className={`flex size-10 shrink-0 items-center justify-center rounded-full text-xl font-bold text-white ${iconBg}`}
          aria-hidden="true"
        >
          {icon}
        </span>
        <h1
          id="capture-title"
          ref={headingRef}
          tabIndex={-1}
          className="rounded text-2xl font-bold tracking-tight focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
        >
          {title}
        </h1>
      </div>
      {children}
    </div>
  );
}

/** `onAgain`: offer another recording (the open capture only; null in a session, which takes one video). */
export function DoneOutcome({ onAgain }: { onAgain: (() => void) | null }) {
  const { t } = useI18n();
  return (
    <OutcomeFrame status="done" tone="success" title={t('done.title')}>
      <p className="text-slate-700">{t('done.body')}</p>
      {onAgain ? (
        <button
          type="button"
          onClick={onAgain}
          className="self-start rounded text-sm text-sky-800 underline underline-offset-4 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
        >
          {t('done.again')}
        </button>
      ) : null}
    </OutcomeFrame>
  );
}

/**
 * The end of a session's capture. `returnTo`: the integrator's page the person is being sent back
 * to (a link too, should the automatic redirect be blocked); without it the page can be closed.
 */
export function SubmittedOutcome({ byPhone, returnTo }: { byPhone: boolean; returnTo: string | null }) {
  const { t } = useI18n();
  const text = returnTo ? t('submitted.returning') : byPhone ? t('submitted.phone') : t('submitted.body');
  return (
    <OutcomeFrame status="submitted" tone="success" title={t('title.submitted')}>
      <p className="text-slate-700">{text}</p>
      {returnTo ? (
        <a
          href={returnTo}
          className="self-start rounded text-sm text-sky-800 underline underline-offset-4 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
        >
          {t('submitted.continue')}
        </a>
      ) : null}
    </OutcomeFrame>
  );
}

export function RetakeOutcome({ reason, onRetake }: { reason?: RetakeReason; onRetake: () => void }) {
  const { t } = useI18n();
  return (
    <OutcomeFrame status="retake" tone="warning" title={t('title.retake')} extra={{ 'data-reason': reason ?? '' }}>
      <p className="text-slate-700">{retakeText(t, reason)}</p>
      <Button className="w-full sm:w-auto sm:self-start" onClick={onRetake}>
        {t('retake.action')}
      </Button>
    </OutcomeFrame>
  );
}

function StepList({ steps, t }: { steps: RecoveryStep[]; t: Translate }) {
  return (
    <dl className="grid gap-2 text-sm">
      {steps.map((s) => (
        <div key={s.text} className="rounded-lg bg-slate-50 px-3 py-2">
          {s.label ? <dt className="font-semibold">{t(s.label)}</dt> : null}
          <dd className="text-slate-700">{t(s.text)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Per-browser steps: this browser's first and open, the others behind a disclosure. */
function RecoverySteps({ kind }: { kind: CaptureErrorKind }) {
  const { t } = useI18n();
  const current = detectBrowser(navigator.userAgent, navigator.maxTouchPoints);
  const steps = recoverySteps(kind, current);
  if (steps.length === 0) return null;
  const mine = steps.filter((s) => s.browser === null || s.browser === current);
  const others = steps.filter((s) => s.browser !== null && s.browser !== current);
  return (
    <div data-testid="recovery-steps" className="flex flex-col gap-2">
      {mine.length > 0 ? (
        <>
          {current ? <h2 className="text-sm font-semibold text-slate-800">{t('error.yourBrowser')}</h2> : null}
          <StepList steps={mine} t={t} />
        </>
      ) : null}
      {others.length > 0 ? (
        <details className="text-sm" open={mine.length === 0}>
          <summary className="cursor-pointer rounded font-semibold text-sky-800 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none">
            {t('error.otherBrowsers')}
          </summary>
          <div className="mt-2">
            <StepList steps={others} t={t} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

export function ErrorOutcome({
  kind,
  message,
  canRetake,
  onRetry,
  onRetake,
  onBack,
}: {
  kind: CaptureErrorKind;
  message: string;
  canRetake: boolean;
  onRetry: () => void;
  onRetake: () => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const keys = ERROR_KEYS[kind];
  // Upload errors carry the server's own message (e.g. "The video is over 10 MB"): show it.
  const showServerMessage = kind === 'upload_failed' || kind === 'status_failed';
  return (
    <OutcomeFrame status="error" tone="error" title={t(keys.title)} extra={{ 'data-kind': kind }}>
      <p className="text-slate-700">{t(keys.body)}</p>
      {showServerMessage && message ? (
        <p className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900" data-testid="error-message">
          {message}
        </p>
      ) : null}
      <RecoverySteps kind={kind} />
      {!showServerMessage && message ? (
        <details className="text-xs text-slate-600">
          <summary className="cursor-pointer rounded focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none">
            {t('error.details')}
          </summary>
          <p className="mt-1 break-words">{message}</p>
        </details>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button onClick={onRetry}>{t('error.tryAgain')}</Button>
        {canRetake ? (
          <Button variant="secondary" onClick={onRetake}>
            {t('error.recordAgain')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onBack}>
          {t('error.back')}
        </Button>
      </div>
    </OutcomeFrame>
  );
}
