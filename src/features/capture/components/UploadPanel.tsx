/** The `uploading` screen: REAL progress from xhr.upload.onprogress. */
export function UploadPanel({ progress }: { progress: number }) {
  const percent = Math.round(progress * 100);
  return (
    <div className="flex flex-col gap-3 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold" id="upload-label">
        Sending your video…
      </h2>
      <progress
        data-testid="upload-progress"
        className="h-3 w-full overflow-hidden rounded-full accent-sky-700"
        value={progress}
        max={1}
        aria-labelledby="upload-label"
        aria-valuetext={`${percent}%`}
      >
        {percent}%
      </progress>
      <p className="text-sm text-slate-600" aria-hidden="true">
        {percent}%
      </p>
      <p className="text-sm text-slate-600">Please keep this page open.</p>
    </div>
  );
}
