import type { ReactNode } from 'react';
import type { MediaView } from '@contract/api';
import { formatBytes, formatMs } from '../../../lib/format';
import { describeUserAgent, hintTrouble, plainFacts, summarizeTelemetry } from '../telemetry';

function Rows({ rows }: { rows: Array<[string, ReactNode | undefined]> }) {
  return (
    <dl className="divide-y divide-slate-100">
      {rows.map(([label, value]) => (
        <div key={label} className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2 py-1.5">
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="text-sm break-words">{value ?? <span className="text-slate-500">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

const H3 = 'mt-2 text-sm font-semibold tracking-wide text-slate-700 uppercase';

/**
 * The capture in a reviewer's words first (face, light, focus, guidance, device), so a bad capture can be told
 * apart from a suspicious one at a glance; the measurements, formats and raw telemetry behind "Engineering details".
 */
export function TelemetryPanel({ telemetry, media }: { telemetry: Record<string, unknown>; media: MediaView[] }) {
  const s = summarizeTelemetry(telemetry);
  const ua = describeUserAgent(s.userAgent);
  const video = media.find((m) => m.role === 'video');
  const probe = video?.probe ?? {};
  const container = typeof probe.container === 'string' ? probe.container : undefined;
  const codec = typeof probe.codec === 'string' ? probe.codec : undefined;
  const facts = plainFacts(s, ua);

  return (
    <section
      aria-labelledby="telemetry-title"
      className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
      data-testid="capture-panel"
    >
      <h2 id="telemetry-title" className="text-lg font-semibold">
        Capture
      </h2>
      <dl className="flex flex-col gap-1" data-testid="capture-facts">
        {facts.map((f) => (
          <div key={f.label} className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 text-sm" data-concern={f.concern || undefined}>
            <dt className="text-slate-600">{f.label}</dt>
            <dd className={f.concern ? 'font-semibold text-amber-900' : 'text-slate-900'}>
              {f.concern ? <span aria-hidden="true">⚠ </span> : null}
              {f.text}
              {f.concern ? <span className="sr-only"> (worth a closer look)</span> : null}
            </dd>
          </div>
        ))}
        {facts.length === 0 ? <p className="text-sm text-slate-600">The capture page sent no details.</p> : null}
      </dl>
      <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200" data-testid="engineering-details">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">Engineering details</summary>
        <div className="flex flex-col gap-2 border-t border-slate-200 bg-white p-3">
          <h3 className={H3}>Quality</h3>
          <Rows
            rows={[
              [
                'Face in view',
                s.faceBoxCount > 0
                  ? `${s.oneFaceShare !== undefined ? `one face in ${Math.round(s.oneFaceShare * 100)} % of samples` : ''}` +
                    ` (${s.faceBoxCount} boxes, median ${s.faceBoxMedianPx ?? '—'} px)`
                  : 'no face boxes sampled',
              ],
              ['Brightness (median)', s.meanLumaMedian !== undefined ? `${s.meanLumaMedian} / 255` : undefined],
              ['Sharpness (median)', s.sharpnessMedian !== undefined ? String(s.sharpnessMedian) : undefined],
              [
                'Guidance while recording',
                s.hints.length > 0 ? (
                  <>
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
                    {hintTrouble(s) ? (
                      <p className="mt-1 text-xs text-amber-800">The face was not steadily in view while recording.</p>
                    ) : null}
                  </>
                ) : undefined,
              ],
              ['Time to ready', s.guidanceMs !== undefined ? formatMs(s.guidanceMs) : undefined],
              [
                'Started by',
                s.startedBy === 'auto'
                  ? 'countdown (automatic)'
                  : s.startedBy === 'manual'
                    ? 'Record button (manual)'
                    : s.startedBy,
              ],
              ['Retakes', s.retakes !== undefined ? String(s.retakes) : undefined],
            ]}
          />
          <h3 className={H3}>Device and browser</h3>
          <Rows
            rows={[
              ['Browser', ua.browser],
              ['System', ua.os ? `${ua.os}${ua.mobile ? ' (mobile)' : ''}` : undefined],
              ['Camera', s.cameraLabel],
              ['Source', s.source],
              ['Detector median', s.detectorMsMedian !== undefined ? `${s.detectorMsMedian} ms / frame` : undefined],
            ]}
          />
          <h3 className={H3}>Recording format</h3>
          <Rows
            rows={[
              ['Recorder', s.recorderMimeType],
              ['Stored file', container || codec ? [container, codec].filter(Boolean).join(' / ') : undefined],
              ['Camera resolution', s.resolution ? `${s.resolution}${s.frameRate ? ` @ ${s.frameRate} fps` : ''}` : undefined],
              ['Length', s.recordingMs !== undefined ? formatMs(s.recordingMs) : undefined],
              ['Clip size', s.clipBytes !== undefined ? formatBytes(s.clipBytes) : undefined],
            ]}
          />
          {s.userAgent ? <p className="text-xs break-words text-slate-600">{s.userAgent}</p> : null}
          <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">All telemetry</summary>
            <pre className="max-h-96 overflow-auto border-t border-slate-200 p-3 text-xs" tabIndex={0}>
              {JSON.stringify(telemetry, null, 2)}
            </pre>
          </details>
        </div>
      </details>
    </section>
  );
}
