import { formatMs } from '../../../lib/format';
import { hintTrouble, summarizeTelemetry } from '../telemetry';

/** Capture-quality facts, so a bad capture can be told apart from a suspicious one. */
export function TelemetryPanel({ telemetry }: { telemetry: Record<string, unknown> }) {
  const s = summarizeTelemetry(telemetry);
  const rows: Array<[string, string | undefined]> = [
    ['Recorder', s.recorderMimeType],
    ['Camera', s.cameraLabel],
    ['Resolution', s.resolution ? `${s.resolution}${s.frameRate ? ` @ ${s.frameRate} fps` : ''}` : undefined],
    ['Recording', s.recordingMs !== undefined ? formatMs(s.recordingMs) : undefined],
    ['Time to ready', s.guidanceMs !== undefined ? formatMs(s.guidanceMs) : undefined],
    ['Detector median', s.detectorMsMedian !== undefined ? `${s.detectorMsMedian} ms / frame` : undefined],
    [
      'Face boxes',
      s.faceBoxCount > 0
        ? `${s.faceBoxCount} samples, median ${s.faceBoxMedianPx ?? '—'} px` +
          (s.oneFaceShare !== undefined ? `, one face in ${Math.round(s.oneFaceShare * 100)} %` : '')
        : 'none sampled',
    ],
  ];
  return (
    <section aria-labelledby="telemetry-title" className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5">
      <h2 id="telemetry-title" className="text-lg font-semibold">
        Capture
      </h2>
      <dl className="divide-y divide-slate-100">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-2 py-1.5">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="text-sm break-words">{value ?? <span className="text-slate-400">—</span>}</dd>
          </div>
        ))}
        <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-2 py-1.5">
          <dt className="text-sm text-slate-500">Guidance during recording</dt>
          <dd className="text-sm">
            {s.hints.length > 0 ? (
              <ol className="flex flex-wrap gap-1" data-testid="hint-history">
                {s.hints.map((h, i) => (
                  <li
                    key={`${h.t}-${i}`}
                    className={`rounded px-1.5 py-0.5 font-mono text-xs ${h.hint === 'ready' ? 'bg-emerald-50 text-emerald-900' : 'bg-amber-50 text-amber-900'}`}
                  >
                    {(h.t / 1000).toFixed(1)} s {h.hint}
                  </li>
                ))}
              </ol>
            ) : (
              <span className="text-slate-400">—</span>
            )}
            {hintTrouble(s) ? <p className="mt-1 text-xs text-amber-800">The face was not steadily in view while recording.</p> : null}
          </dd>
        </div>
      </dl>
      {s.userAgent ? <p className="text-xs break-words text-slate-500">{s.userAgent}</p> : null}
      <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">All telemetry</summary>
        <pre className="max-h-96 overflow-auto border-t border-slate-200 p-3 text-xs">{JSON.stringify(telemetry, null, 2)}</pre>
      </details>
    </section>
  );
}
