import { useEffect, useRef, type ReactNode } from 'react';
import type { RetakeReason } from '../../../../server/api-types';
import { Button } from '../../../lib/ui';
import type { CaptureErrorKind } from '../machine';
import { ERROR_COPY, retakeText } from '../messages';

/** Shared frame of the three end screens; moves focus to the heading so it is read out. */
function OutcomeFrame({
  status,
  tone,
  title,
  children,
  extra,
}: {
  status: 'done' | 'retake' | 'error';
  tone: 'success' | 'warning' | 'error';
  title: string;
  children: ReactNode;
  extra?: Record<`data-${string}`, string>;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const ring = { success: 'ring-emerald-200', warning: 'ring-amber-200', error: 'ring-rose-200' }[tone];
  const icon = { success: '✓', warning: '↺', error: '!' }[tone];
  const iconBg = { success: 'bg-emerald-600', warning: 'bg-amber-500', error: 'bg-rose-600' }[tone];
  return (
    <div data-testid="outcome" data-status={status} {...extra} className={`flex flex-col gap-4 rounded-2xl bg-white p-6 ring-1 ${ring}`}>
      <div className="flex items-center gap-3">
        <span className={`flex size-10 shrink-0 items-center justify-center rounded-full text-xl font-bold text-white ${iconBg}`} aria-hidden="true">
          {icon}
        </span>
        <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          {title}
        </h2>
      </div>
      {children}
    </div>
  );
}

export function DoneOutcome({ onAgain }: { onAgain: () => void }) {
  return (
    <OutcomeFrame status="done" tone="success" title="Submitted — thank you">
      <p className="text-slate-700">We have received your video. You can close this page now.</p>
      <button type="button" onClick={onAgain} className="self-start text-sm text-sky-800 underline underline-offset-4">
        Record another video
      </button>
    </OutcomeFrame>
  );
}

export function RetakeOutcome({ reason, onRetake }: { reason?: RetakeReason; onRetake: () => void }) {
  return (
    <OutcomeFrame status="retake" tone="warning" title="Please record again" extra={{ 'data-reason': reason ?? '' }}>
      <p className="text-slate-700">{retakeText(reason)}</p>
      <Button className="w-full sm:w-auto sm:self-start" onClick={onRetake}>
        Record again
      </Button>
    </OutcomeFrame>
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
  const copy = ERROR_COPY[kind];
  // Upload errors carry the server's own message (e.g. "The video is over 10 MB"): show it.
  const showServerMessage = kind === 'upload_failed' || kind === 'status_failed';
  return (
    <OutcomeFrame status="error" tone="error" title={copy.title} extra={{ 'data-kind': kind }}>
      <p className="text-slate-700">{copy.body}</p>
      {showServerMessage && message ? (
        <p className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900" data-testid="error-message">
          {message}
        </p>
      ) : null}
      {copy.steps ? (
        <dl className="grid gap-2 text-sm">
          {copy.steps.map((s) => (
            <div key={s.label} className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="font-semibold">{s.label}</dt>
              <dd className="text-slate-700">{s.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {!showServerMessage && message ? (
        <details className="text-xs text-slate-500">
          <summary className="cursor-pointer">Technical details</summary>
          <p className="mt-1 break-words">{message}</p>
        </details>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button onClick={onRetry}>Try again</Button>
        {canRetake ? (
          <Button variant="secondary" onClick={onRetake}>
            Record again
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
      </div>
    </OutcomeFrame>
  );
}
