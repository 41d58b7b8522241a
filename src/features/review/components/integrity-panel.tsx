import type { CaptureIntegrity, IntegrityFinding, IntegrityFindingKind, MediaView } from '@contract/api';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Notice, Spinner } from '../../../lib/ui';
import { FrameStrip } from './frame-strip';

/** Title `findingKind.<kind>`, hint `integrity.hint.<kind>`. */
const GROUPS: Array<{ kind: IntegrityFindingKind; tone: string }> = [
  { kind: 'suspected_fake', tone: 'bg-rose-50 ring-rose-200' },
  { kind: 'bad_capture', tone: 'bg-amber-50 ring-amber-200' },
];

function evidenceValue(v: unknown): string {
  if (typeof v === 'number') return String(Math.round(v * 1000) / 1000);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function FindingItem({ finding }: { finding: IntegrityFinding }) {
  const { t } = useReviewI18n();
  return (
    <li data-testid="integrity-finding" data-code={finding.code} data-kind={finding.kind} className="flex flex-col gap-1">
      <p className="font-medium text-slate-900">
        <code className="mr-2 rounded bg-white/70 px-1 text-xs">{finding.code}</code>
        {finding.message}
      </p>
      {finding.frames && finding.frames.length > 0 ? (
        <p className="text-xs text-slate-700">
          {t('integrity.frames', { list: finding.frames.map((i) => `#${i + 1}`).join(', ') })}
        </p>
      ) : null}
      <details className="text-xs text-slate-700">
        <summary className="cursor-pointer">{t('integrity.evidence')}</summary>
        <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5">
          {Object.entries(finding.evidence).map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium">{k}</dt>
              <dd className="break-all font-mono">{evidenceValue(v)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </li>
  );
}

/**
 * The capture-integrity screening of a case: deterministic checks on the recording itself, kept
 * apart from the providers' deepfake verdicts, and always labelled as having no deepfake model.
 */
export function IntegrityPanel({ integrity, media }: { integrity: CaptureIntegrity | undefined; media: MediaView[] }) {
  const { t, number } = useReviewI18n();
  if (!integrity) return null;
  const urlOf = (role: string) => media.find((m) => m.role === role)?.url;
  const flagged = new Set(integrity.findings.flatMap((f) => f.frames ?? []));
  return (
    <section
      aria-labelledby="integrity-title"
      data-testid="integrity"
      data-status={integrity.status}
      data-verdict={integrity.verdict}
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id="integrity-title" className="text-xl font-semibold">
          {t('integrity.title')}
        </h2>
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset">
          {integrity.label}
        </span>
      </div>

      {integrity.status === 'pending' ? (
        <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner className="size-4" /> {t('integrity.pending')}
        </p>
      ) : null}
      {integrity.status === 'error' ? (
        <Notice tone="warning" heading={t('integrity.errorHeading')}>
          {integrity.error ?? t('integrity.seeLog')} {t('integrity.errorBody')}
        </Notice>
      ) : null}

      {integrity.status === 'done' && integrity.findings.length === 0 ? (
        <Notice tone="info" heading={t('integrity.cleanHeading')}>
          {t('integrity.cleanBody')}
        </Notice>
      ) : null}
      {GROUPS.map((g) => {
        const findings = integrity.findings.filter((f) => f.kind === g.kind);
        if (findings.length === 0) return null;
        return (
          <div key={g.kind} data-testid={`integrity-${g.kind}`} className={`rounded-xl p-3 ring-1 ring-inset ${g.tone}`}>
            <h3 className="font-semibold">
              {t(`findingKind.${g.kind}`)} ({findings.length})
            </h3>
            <p className="mb-2 text-sm text-slate-700">{t(`integrity.hint.${g.kind}`)}</p>
            <ul className="flex flex-col gap-3">
              {findings.map((f) => (
                <FindingItem key={f.code} finding={f} />
              ))}
            </ul>
          </div>
        );
      })}

      {integrity.status === 'done' ? <FrameStrip frames={integrity.frames} urlOf={urlOf} flagged={flagged} /> : null}
      {integrity.measurements ? (
        <p className="text-xs text-slate-600">
          {t('integrity.measurements', {
            frames: number(integrity.measurements.decodedFrames),
            seconds: number(integrity.measurements.durationS, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
            fps: number(integrity.measurements.fps, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
            oneFace: number(integrity.measurements.samplesWithOneFace),
            samples: number(integrity.frames.length),
          })}
        </p>
      ) : null}
    </section>
  );
}
