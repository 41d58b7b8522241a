import type { ReactNode } from 'react';
import type { MediaView } from '@contract/api';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
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
  const { t, ms, bytes } = useReviewI18n();
  const facts = plainFacts(s, ua, t);

  return (
    <section
      aria-labelledby="telemetry-title"
      className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
      data-testid="capture-panel"
    >
      <h2 id="telemetry-title" className="text-lg font-semibold">
        {t('telemetry.title')}
      </h2>
      <dl className="flex flex-col gap-1" data-testid="capture-facts">
        {facts.map((f) => (
          <div key={f.label} className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 text-sm" data-concern={f.concern || undefined}>
            <dt className="text-slate-600">{f.label}</dt>
            <dd className={f.concern ? 'font-semibold text-amber-900' : 'text-slate-900'}>
              {f.concern ? <span aria-hidden="true">⚠ </span> : null}
              {f.text}
              {f.concern ? <span className="sr-only"> {t('telemetry.concern')}</span> : null}
            </dd>
          </div>
        ))}
        {facts.length === 0 ? <p className="text-sm text-slate-600">{t('telemetry.none')}</p> : null}
      </dl>
      <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200" data-testid="engineering-details">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">{t('telemetry.engineering')}</summary>
        <div className="flex flex-col gap-2 border-t border-slate-200 bg-white p-3">
          <h3 className={H3}>{t('telemetry.quality')}</h3>
          <Rows
            rows={[
              [
                t('telemetry.faceInView'),
                s.faceBoxCount > 0
                  ? `${s.oneFaceShare !== undefined ? t('telemetry.oneFaceShare', { pct: Math.round(s.oneFaceShare * 100) }) : ''}` +
                    ` ${t('telemetry.boxes', { n: s.faceBoxCount, px: s.faceBoxMedianPx ?? '—' })}`
                  : t('telemetry.noBoxes'),
              ],
              [t('telemetry.brightness'), s.meanLumaMedian !== undefined ? `${s.meanLumaMedian} / 255` : undefined],
              [t('telemetry.sharpness'), s.sharpnessMedian !== undefined ? String(s.sharpnessMedian) : undefined],
              [
                t('telemetry.guidance'),
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
                    {hintTrouble(s) ? <p className="mt-1 text-xs text-amber-800">{t('telemetry.notSteady')}</p> : null}
                  </>
                ) : undefined,
              ],
              [t('telemetry.timeToReady'), s.guidanceMs !== undefined ? ms(s.guidanceMs) : undefined],
              [
                t('telemetry.startedBy'),
                s.startedBy === 'auto' ? t('telemetry.auto') : s.startedBy === 'manual' ? t('telemetry.manual') : s.startedBy,
              ],
              [t('fact.retakes'), s.retakes !== undefined ? String(s.retakes) : undefined],
            ]}
          />
          <h3 className={H3}>{t('telemetry.device')}</h3>
          <Rows
            rows={[
              [t('telemetry.browser'), ua.browser],
              [t('telemetry.system'), ua.os ? `${ua.os}${ua.mobile ? ` ${t('telemetry.mobile')}` : ''}` : undefined],
              [t('fact.camera'), s.cameraLabel],
              [t('telemetry.source'), s.source],
              [t('telemetry.detector'), s.detectorMsMedian !== undefined ? `${s.detectorMsMedian} ms / frame` : undefined],
            ]}
          />
          <h3 className={H3}>{t('telemetry.format')}</h3>
          <Rows
            rows={[
              [t('telemetry.recorder'), s.recorderMimeType],
              [t('telemetry.storedFile'), container || codec ? [container, codec].filter(Boolean).join(' / ') : undefined],
              [
                t('telemetry.resolution'),
                s.resolution ? `${s.resolution}${s.frameRate ? ` @ ${s.frameRate} fps` : ''}` : undefined,
              ],
              [t('fact.length'), s.recordingMs !== undefined ? ms(s.recordingMs) : undefined],
              [t('telemetry.clipSize'), s.clipBytes !== undefined ? bytes(s.clipBytes) : undefined],
            ]}
          />
          {s.userAgent ? <p className="text-xs break-words text-slate-600">{s.userAgent}</p> : null}
          <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">{t('telemetry.all')}</summary>
            <pre className="max-h-96 overflow-auto border-t border-slate-200 p-3 text-xs" tabIndex={0}>
              {JSON.stringify(telemetry, null, 2)}
            </pre>
          </details>
        </div>
      </details>
    </section>
  );
}
