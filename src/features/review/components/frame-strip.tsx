import type { IntegrityFrame } from '@contract/api';

export interface FrameStripProps {
  frames: IntegrityFrame[];
  /** URL of a stored frame (case media `frame.N`), undefined when it is missing. */
  urlOf: (role: string) => string | undefined;
  /** Frames a finding points at; they get a red outline. */
  flagged?: ReadonlySet<number>;
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(2)}%`;

/** The screening's sampled frames as thumbnails (stored JPEGs: no video decode), with the detected faces outlined. */
export function FrameStrip({ frames, urlOf, flagged = new Set() }: FrameStripProps) {
  if (frames.length === 0) return <p className="text-sm text-slate-600">No frames could be sampled from this capture.</p>;
  return (
    // Focusable so keyboard users can scroll the strip (it holds no links of its own).
    <ol
      data-testid="frame-strip"
      aria-label="Sampled frames"
      tabIndex={0}
      className="flex snap-x gap-2 overflow-x-auto pb-2 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
    >
      {frames.map((f) => {
        const url = urlOf(f.role);
        const isFlagged = flagged.has(f.index);
        return (
          <li key={f.role} data-flagged={isFlagged || undefined} className="w-32 shrink-0 snap-start">
            <figure className={`rounded-lg p-1 ring-2 ${isFlagged ? 'ring-rose-500' : 'ring-transparent'}`}>
              <div className="relative overflow-hidden rounded bg-black" style={{ aspectRatio: `${f.width} / ${f.height}` }}>
                {url ? (
                  <img
                    src={url}
                    alt={`Frame ${f.index + 1} at ${f.timeS.toFixed(2)} s`}
                    loading="lazy"
                    className="absolute inset-0 size-full object-contain"
                  />
                ) : null}
                {f.faces.map((b, i) => (
                  <span
                    key={i}
                    aria-hidden="true"
                    className="absolute border-2 border-emerald-400"
                    style={{
                      left: pct(b.x, f.width),
                      top: pct(b.y, f.height),
                      width: pct(b.width, f.width),
                      height: pct(b.height, f.height),
                    }}
                  />
                ))}
              </div>
              <figcaption className="mt-1 text-xs text-slate-700">
                #{f.index + 1} · {f.timeS.toFixed(2)} s · {f.faces.length === 1 ? '1 face' : `${f.faces.length} faces`}
                {isFlagged ? <span className="block font-semibold text-rose-800">flagged</span> : null}
              </figcaption>
            </figure>
          </li>
        );
      })}
    </ol>
  );
}
