import { useState } from 'react';
import type { IntegrityFrame } from '@contract/api';
import { useShortcuts } from '../shortcuts';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';

export interface FrameStripProps {
  frames: IntegrityFrame[];
  /** URL of a stored frame (case media `frame.N`), undefined when it is missing. */
  urlOf: (role: string) => string | undefined;
  /** Frames a finding points at; they get a red outline. */
  flagged?: ReadonlySet<number>;
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(2)}%`;

function FaceBoxes({ frame }: { frame: IntegrityFrame }) {
  return frame.faces.map((b, i) => (
    <span
      key={i}
      aria-hidden="true"
      className="absolute border-2 border-emerald-400"
      style={{
        left: pct(b.x, frame.width),
        top: pct(b.y, frame.height),
        width: pct(b.width, frame.width),
        height: pct(b.height, frame.height),
      }}
    />
  ));
}

/**
 * The screening's sampled frames as thumbnails (stored JPEGs: no video decode), all ten in one row on a
 * desktop screen, with the detected faces outlined. A thumbnail (or the [ and ] keys) picks the frame shown
 * large beneath them.
 */
export function FrameStrip({ frames, urlOf, flagged = new Set() }: FrameStripProps) {
  const [selected, setSelected] = useState(0);
  const { t, plural, number } = useReviewI18n();
  const sec = (s: number) => number(s, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const move = (delta: number) => setSelected((i) => Math.min(Math.max(i + delta, 0), frames.length - 1));
  useShortcuts({ previousStripImage: () => move(-1), nextStripImage: () => move(1) }, frames.length > 0);
  if (frames.length === 0) return <p className="text-sm text-slate-600">{t('strip.none')}</p>;
  const current = frames[Math.min(selected, frames.length - 1)]!;
  const currentUrl = urlOf(current.role);
  return (
    <div className="flex flex-col gap-2">
      <ol data-testid="frame-strip" aria-label={t('strip.label')} className="grid grid-cols-5 gap-2 md:grid-cols-10">
        {frames.map((f, i) => {
          const url = urlOf(f.role);
          const isFlagged = flagged.has(f.index);
          const isSelected = i === selected;
          return (
            <li key={f.role} data-flagged={isFlagged || undefined} data-selected={isSelected || undefined} className="min-w-0">
              <button
                type="button"
                onClick={() => setSelected(i)}
                aria-pressed={isSelected}
                aria-keyshortcuts="[ ]"
                className={`w-full rounded-lg p-0.5 text-left ring-2 focus-visible:ring-4 focus-visible:ring-sky-400 focus-visible:outline-none ${
                  isSelected ? 'ring-sky-600' : isFlagged ? 'ring-rose-500' : 'ring-transparent'
                }`}
              >
                <span
                  className="relative block overflow-hidden rounded bg-black"
                  style={{ aspectRatio: `${f.width} / ${f.height}` }}
                >
                  {url ? (
                    <img
                      src={url}
                      alt={t('strip.alt', { n: f.index + 1, s: sec(f.timeS) })}
                      loading="lazy"
                      className="absolute inset-0 size-full object-contain"
                    />
                  ) : null}
                  <FaceBoxes frame={f} />
                </span>
                <span className="mt-0.5 block truncate text-xs text-slate-700">
                  #{f.index + 1} · {t('strip.seconds', { s: sec(f.timeS) })}
                </span>
                <span className={`block truncate text-xs ${isFlagged ? 'font-semibold text-rose-800' : 'text-slate-700'}`}>
                  {plural('strip.faces', f.faces.length)}
                  {isFlagged ? ` · ${t('strip.flagged')}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <figure className="flex flex-col items-start gap-1" data-testid="frame-selected" data-index={current.index}>
        <div
          className="relative w-64 max-w-full overflow-hidden rounded-lg bg-black"
          style={{ aspectRatio: `${current.width} / ${current.height}` }}
        >
          {currentUrl ? <img src={currentUrl} alt="" className="absolute inset-0 size-full object-contain" /> : null}
          <FaceBoxes frame={current} />
        </div>
        <figcaption className="text-xs text-slate-700" aria-live="polite">
          {t('strip.caption', { n: current.index + 1, total: frames.length, s: sec(current.timeS) })} ·{' '}
          {plural('strip.faces', current.faces.length)} · <kbd className="rounded bg-slate-100 px-1">[</kbd> /{' '}
          <kbd className="rounded bg-slate-100 px-1">]</kbd> {t('strip.prevNext')}
        </figcaption>
      </figure>
    </div>
  );
}
