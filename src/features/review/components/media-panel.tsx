import type { MediaView } from '@contract/api';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { readFaceTrack } from '../face-track';
import { VideoPlayer } from './video-player';

export function probeLine(probe: Record<string, unknown>): string {
  const parts: string[] = [];
  const p = probe;
  if (typeof p.container === 'string') parts.push(p.container);
  if (typeof p.codec === 'string') parts.push(p.codec);
  if (typeof p.width === 'number' && typeof p.height === 'number') parts.push(`${p.width}×${p.height}`);
  if (typeof p.durationS === 'number') parts.push(`${p.durationS.toFixed(2)} s`);
  if (typeof p.fps === 'number') parts.push(`${p.fps.toFixed(1)} fps`);
  if (typeof p.rotation === 'number' && p.rotation !== 0) parts.push(`rotated ${p.rotation}°`);
  return parts.join(' · ');
}

function Caption({ m }: { m: MediaView }) {
  const { bytes } = useReviewI18n();
  return (
    <figcaption className="px-1 text-xs text-slate-600">
      <span className="font-medium">{m.mime}</span> · {bytes(m.bytes)}
      {probeLine(m.probe) ? ` · ${probeLine(m.probe)}` : ''}
      <span className="block truncate font-mono" title={m.sha256}>
        sha256 {m.sha256}
      </span>
    </figcaption>
  );
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * The captured media: the recording in the frame-stepping player with the face-box overlay, then
 * the still image and each vendor's fitted file. Sampled frames (frame.N) are shown elsewhere.
 */
export function MediaPanel({ media, telemetry }: { media: MediaView[]; telemetry: Record<string, unknown> }) {
  const shown = media.filter((m) => !m.role.startsWith('frame.'));
  const main = shown.find((m) => m.role === 'video');
  const others = shown.filter((m) => m !== main);
  const { t } = useReviewI18n();
  if (shown.length === 0) {
    return <p className="rounded-2xl bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">{t('media.none')}</p>;
  }
  // Telemetry times are ms since the recording started, so the track only fits the original clip.
  const track = main ? readFaceTrack(telemetry, { width: num(main.probe.width), height: num(main.probe.height) }) : undefined;
  return (
    <div className="flex flex-col gap-4">
      {main ? (
        <figure className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-3 ring-1 ring-slate-200">
          <VideoPlayer media={main} track={track} />
          <Caption m={main} />
        </figure>
      ) : null}
      {others.length > 0 ? (
        <details className="rounded-2xl bg-white ring-1 ring-slate-200" open={!main}>
          <summary className="cursor-pointer px-4 py-3 text-sm font-medium">{t('media.others', { n: others.length })}</summary>
          <div className="flex flex-col gap-4 p-3">
            {others.map((m) => (
              <figure key={m.role + m.sha256} className="flex min-w-0 flex-col gap-2">
                <p className="px-1 text-sm font-medium">
                  {m.role === 'image' ? t('media.still') : t('media.fittedFor', { vendor: m.role.split('.')[1] ?? m.role })}
                </p>
                {m.role.startsWith('video') ? (
                  <video
                    controls
                    playsInline
                    preload="metadata"
                    src={m.url}
                    className="aspect-video w-full rounded-xl bg-black object-contain"
                    aria-label={t('media.videoLabel', { role: m.role })}
                  />
                ) : (
                  <img
                    src={m.url}
                    alt={t('media.imageAlt', { role: m.role })}
                    className="w-full rounded-xl bg-black object-contain"
                  />
                )}
                <Caption m={m} />
              </figure>
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}
