import type { MediaView } from '../../../../server/api-types';
import { formatBytes } from '../../../lib/format';

function probeLine(probe: Record<string, unknown>): string {
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

/** `video.alibaba-intl` → "Fitted for alibaba-intl"; `image` → "Still image". */
function roleLabel(role: string): string {
  const [kind, provider] = role.split('.');
  if (provider) return `Fitted for ${provider}`;
  return kind === 'image' ? 'Still image' : 'Recording';
}

/** The captured media: a playable video (or image) plus what the server's probe found. */
export function MediaPanel({ media }: { media: MediaView[] }) {
  if (media.length === 0) {
    return <p className="rounded-2xl bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">No media stored for this case.</p>;
  }
  return (
    <div className="flex flex-col gap-4">
      {media.map((m) => (
        <figure key={m.sha256 + m.url} className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-3 ring-1 ring-slate-200">
          {m.role.startsWith('video') ? (
            <video
              controls
              playsInline
              preload="metadata"
              src={m.url}
              className="aspect-video w-full rounded-xl bg-black object-contain"
              aria-label={m.role === 'video' ? 'Captured selfie video' : `Selfie video fitted for ${m.role.slice(6)}`}
            />
          ) : (
            <img src={m.url} alt="Captured selfie image" className="w-full rounded-xl bg-black object-contain" />
          )}
          <figcaption className="px-1 text-xs text-slate-600">
            {m.role !== 'video' ? <span className="block font-medium text-slate-800">{roleLabel(m.role)}</span> : null}
            <span className="font-medium">{m.mime}</span> · {formatBytes(m.bytes)}
            {probeLine(m.probe) ? ` · ${probeLine(m.probe)}` : ''}
            <span className="block truncate font-mono" title={m.sha256}>
              sha256 {m.sha256}
            </span>
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
