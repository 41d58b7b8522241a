/** The `fitting` screen: the clip is being cut or re-encoded for the chosen checks. */
export function FittingPanel({ progress }: { progress: number }) {
  const percent = Math.round(progress * 100);
  return (
    <div className="flex flex-col gap-3 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold" id="fitting-label">
        Preparing your video…
      </h2>
      <progress
        data-testid="fitting-progress"
        className="h-3 w-full overflow-hidden rounded-full accent-sky-700"
        value={progress}
        max={1}
        aria-labelledby="fitting-label"
        aria-valuetext={`${percent}%`}
      >
        {percent}%
      </progress>
      <p className="text-sm text-slate-600" aria-hidden="true">
        {percent}%
      </p>
      <p className="text-sm text-slate-600">This happens on your device and takes a few seconds.</p>
    </div>
  );
}
