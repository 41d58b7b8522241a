import { ChartFrame, TABLE, type Series } from './chart-frame';
import { linearScale, niceMax, stack, ticks } from './scales';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

const W = 640;
const H = 220;
const M = { top: 10, right: 10, bottom: 28, left: 36 };

/** One stacked bar per day (e.g. checks by verdict), with a y axis and a table alternative. */
export function StackedBarChart({
  title,
  description,
  series,
  rows,
  testId,
}: {
  title: string;
  description: string;
  series: readonly Series[];
  rows: Array<{ label: string; values: Record<string, number> }>;
  testId: string;
}) {
  const { t: tr } = useReviewI18n();
  const keys = series.map((s) => s.key);
  const totals = rows.map((r) => keys.reduce((sum, k) => sum + Math.max(0, r.values[k] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const y = linearScale(0, max, H - M.bottom, M.top);
  const band = rows.length > 0 ? (W - M.left - M.right) / rows.length : 0;
  const barW = Math.max(2, band * 0.7);
  const labelEvery = Math.max(1, Math.ceil(rows.length / 8));
  const colorOf = new Map(series.map((s) => [s.key, s.color]));

  return (
    <ChartFrame
      title={title}
      description={description}
      series={series}
      testId={testId}
      chart={({ titleId, descId }) => (
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <title id={titleId}>{title}</title>
          {ticks(max, 4, true).map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="stroke-slate-200" />
              <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize="11" className="fill-slate-600">
                {t}
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const x = M.left + i * band + (band - barW) / 2;
            return (
              <g key={r.label} data-testid="bar">
                {stack(r.values, keys)
                  .filter((s) => s.value > 0)
                  .map((s) => (
                    <rect
                      key={s.key}
                      x={x}
                      width={barW}
                      y={y(s.y1)}
                      height={Math.max(0, y(s.y0) - y(s.y1))}
                      fill={colorOf.get(s.key)}
                    >
                      <title>{`${r.label}: ${s.value} ${series.find((x2) => x2.key === s.key)?.label ?? s.key}`}</title>
                    </rect>
                  ))}
                {i % labelEvery === 0 ? (
                  <text x={x + barW / 2} y={H - M.bottom + 14} textAnchor="middle" fontSize="10" className="fill-slate-600">
                    {r.label.slice(5)}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} className="stroke-slate-500" />
        </svg>
      )}
      table={
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">{tr('chart.day')}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">{tr('chart.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {keys.map((k) => (
                  <td key={k}>{r.values[k] ?? 0}</td>
                ))}
                <td>{totals[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
