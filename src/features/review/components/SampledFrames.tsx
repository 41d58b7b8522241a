import type { MediaView } from '../../../../server/api-types';

/** The frames the local screening sampled (media roles frame.0 … frame.9), in order. */
export function SampledFrames({ media }: { media: MediaView[] }) {
  const frames = media
    .filter((m) => /^frame\.\d+$/.test(m.role))
    .sort((a, b) => Number(a.role.slice(6)) - Number(b.role.slice(6)));
  if (frames.length === 0) return null;
  return (
    <section aria-labelledby="frames-title" className="rounded-2xl bg-white p-3 ring-1 ring-slate-200" data-testid="sampled-frames">
      <h2 id="frames-title" className="px-1 pb-2 text-sm font-semibold">
        Sampled frames
      </h2>
      <ol className="flex gap-2 overflow-x-auto pb-1">
        {frames.map((f) => (
          <li key={f.role} className="shrink-0">
            <a href={f.url} target="_blank" rel="noreferrer" className="block rounded-lg focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none">
              <img src={f.url} alt={`Sampled frame ${Number(f.role.slice(6)) + 1}`} className="h-20 rounded-lg bg-black object-contain" loading="lazy" />
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
