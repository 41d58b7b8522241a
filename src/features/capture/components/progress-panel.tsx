import type { ReactNode } from 'react';

/** A labelled progress bar with its percentage (fitting and upload share it). */
export function ProgressPanel({
  testId,
  heading,
  progress,
  children,
}: {
  testId: string;
  heading: string;
  progress: number;
  children?: ReactNode;
}) {
  const percent = Math.round(progress * 100);
  const labelId = `${testId}-label`;
  return (
    <div className="flex flex-col gap-3 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold" id={labelId}>
        {heading}
      </h2>
      <progress
        data-testid={testId}
        className="h-3 w-full overflow-hidden rounded-full accent-sky-700"
        value={progress}
        max={1}
        aria-labelledby={labelId}
        aria-valuetext={`${percent}%`}
      >
        {percent}%
      </progress>
      <p className="text-sm text-slate-600" aria-hidden="true">
        {percent}%
      </p>
      {children}
    </div>
  );
}
