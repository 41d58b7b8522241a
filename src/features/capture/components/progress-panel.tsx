import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import { formatPercent } from '../../../lib/i18n/numbers';

/**
 * A labelled progress bar in the brand colour with its percentage (fitting and upload share it).
 * The label is not a heading: the page's h1 already names the screen.
 */
export function ProgressPanel({
  testId,
  label,
  progress,
  detail,
  children,
}: {
  testId: string;
  label: string;
  progress: number;
  /** Shown beside the percentage (e.g. the time left). */
  detail?: ReactNode;
  children?: ReactNode;
}) {
  const { locale } = useI18n();
  const percent = formatPercent(locale, progress);
  const labelId = `${testId}-label`;
  return (
    <div className="flex flex-col gap-3 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      <p className="text-lg font-semibold" id={labelId}>
        {label}
      </p>
      <div
        data-testid={testId}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(1, Math.max(0, progress)) * 100)}
        aria-valuetext={percent}
        className="h-3 w-full overflow-hidden rounded-full bg-sky-100"
      >
        <div
          className="h-full rounded-full bg-sky-700 transition-[width] duration-200"
          style={{ width: `${Math.min(1, Math.max(0, progress)) * 100}%` }}
        />
      </div>
      <p className="flex justify-between gap-3 text-sm text-slate-600">
        <span aria-hidden="true">{percent}</span>
        {detail ? <span data-testid={`${testId}-detail`}>{detail}</span> : null}
      </p>
      {children}
    </div>
  );
}
