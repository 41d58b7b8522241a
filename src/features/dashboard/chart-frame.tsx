import { useId, type ReactNode } from 'react';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

export interface Series {
  key: string;
  label: string;
  /** Fill colour; every chart also has a table, so colour is never the only carrier of meaning. */
  color: string;
}

export function Legend({ series }: { series: readonly Series[] }) {
  const { t } = useReviewI18n();
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-slate-700" aria-label={t('chart.legend')}>
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A chart card: title, an SVG drawn by `chart(titleId, descId)` (role="img" with that title and
 * description), legend, and the same numbers as a table for screen readers and exact values.
 */
export function ChartFrame({
  title,
  description,
  series,
  chart,
  table,
  testId,
}: {
  title: string;
  description: string;
  series?: readonly Series[];
  chart: (ids: { titleId: string; descId: string }) => ReactNode;
  table: ReactNode;
  testId: string;
}) {
  const id = useId();
  const { t } = useReviewI18n();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure
      className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
      data-testid={testId}
      aria-labelledby={`${id}-caption`}
    >
      <figcaption id={`${id}-caption`} className="text-base font-semibold">
        {title}
      </figcaption>
      <p id={descId} className="text-xs text-slate-600">
        {description}
      </p>
      {chart({ titleId, descId })}
      {series ? <Legend series={series} /> : null}
      <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
        <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-slate-700">{t('chart.showTable')}</summary>
        <div className="overflow-x-auto border-t border-slate-200 p-2">{table}</div>
      </details>
    </figure>
  );
}

export const TABLE = 'w-full text-left text-xs [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1';
