import { ChartFrame, TABLE, type Series } from './chart-frame';
import { linearScale, ticks } from './scales';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

const W = 640;
const ROW = 30;
const M = { top: 8, right: 70, bottom: 22, left: 150 };

export interface HBarRow {
  label: string;
  /** One value per series key (missing = no data). */
  values: Record<string, number | undefined>;
}

/**
 * Horizontal grouped bars: one row per item (vendor, vendor pair), one bar per series, value
 * printed at the bar's end. Used for latency p50/p95, error rate and agreement.
 */
export function HBarChart({
  title,
  description,
  series,
  rows,
  max,
  format,
  testId,
}: {
  title: string;
  description: string;
  series: readonly Series[];
  rows: HBarRow[];
  max: number;
  format: (v: number) => string;
  testId: string;
}) {
  const { t: tr } = useReviewI18n();
  const barH = Math.min(12, (ROW - 6) / series.length);
  const H = M.top + M.bottom + Math.max(1, rows.length) * ROW;
  const x = linearScale(0, max, M.left, W - M.right);
  return (
    <ChartFrame
      title={title}
      description={description}
      series={series.length > 1 ? series : undefined}
      testId={testId}
      chart={({ titleId, descId }) => (
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <title id={titleId}>{title}</title>
          {ticks(max, 4).map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} className="stroke-slate-200" />
              <text x={x(t)} y={H - M.bottom + 14} textAnchor="middle" fontSize="10" className="fill-slate-600">
                {format(t)}
              </text>
            </g>
          ))}
          {rows.length === 0 ? (
            <text x={W / 2} y={M.top + ROW / 2} textAnchor="middle" fontSize="12" className="fill-slate-600">
              {tr('chart.noData')}
            </text>
          ) : null}
          {rows.map((r, i) => {
            const top = M.top + i * ROW + (ROW - barH * series.length) / 2;
            return (
              <g key={r.label} data-testid="bar">
                <text
                  x={M.left - 8}
                  y={M.top + i * ROW + ROW / 2}
                  textAnchor="end"
                  dominantBaseline="middle"
                  fontSize="11"
                  className="fill-slate-900"
                >
                  {r.label}
                </text>
                {series.map((s, j) => {
                  const v = r.values[s.key];
                  if (v === undefined) return null;
                  const w = Math.max(1, x(Math.min(v, max)) - M.left);
                  return (
                    <g key={s.key}>
                      <rect x={M.left} y={top + j * barH} width={w} height={barH - 1} fill={s.color}>
                        <title>{`${r.label} ${s.label}: ${format(v)}`}</title>
                      </rect>
                      <text
                        x={M.left + w + 4}
                        y={top + j * barH + barH / 2}
                        dominantBaseline="middle"
                        fontSize="10"
                        className="fill-slate-700"
                      >
                        {format(v)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
      table={
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">{tr('chart.item')}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {series.map((s) => {
                  const v = r.values[s.key];
                  return <td key={s.key}>{v === undefined ? '—' : format(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
