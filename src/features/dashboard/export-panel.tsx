/** Admins download the cases or decisions of a date range as CSV (the server audits every export). */
import { useId, useState } from 'react';
import { TextField } from '../../lib/ui';
import { exportUrl } from './api';
import { useDashboardText } from './text';

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const LINK =
  'inline-flex min-h-10 items-center rounded-lg bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 ' +
  'focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none';

export function ExportPanel({ days }: { days: number }) {
  const id = useId();
  const T = useDashboardText();
  const today = new Date();
  const start = new Date(today);
  start.setDate(start.getDate() - (days - 1));
  const [from, setFrom] = useState(localDay(start));
  const [to, setTo] = useState(localDay(today));
  const cases = exportUrl('cases', from, to);
  const decisions = exportUrl('decisions', from, to);
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="flex flex-col gap-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
      data-testid="export-panel"
    >
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {T.exportHeading}
      </h2>
      <p className="text-xs text-slate-600">{T.exportDescription}</p>
      <div className="flex flex-wrap items-end gap-3">
        <TextField label={T.exportFrom} type="date" value={from} onValue={setFrom} />
        <TextField label={T.exportTo} type="date" value={to} onValue={setTo} />
        {cases && decisions ? (
          <>
            <a className={LINK} href={cases} download>
              {T.exportCases}
            </a>
            <a className={LINK} href={decisions} download>
              {T.exportDecisions}
            </a>
          </>
        ) : (
          <p role="alert" className="text-sm text-rose-800">
            {T.exportRangeInvalid}
          </p>
        )}
      </div>
    </section>
  );
}
