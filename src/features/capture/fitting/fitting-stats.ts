/**
 * Timings from the end of a recording to an upload-ready file, published on `window.__fittingStats`
 * for benchmarks and e2e tests (the same figures also go into the capture's telemetry as `fitting`).
 * Module state: the recording hook notes when the recorder stopped, the fitting hook closes the run.
 */

export interface FittingRunStats {
  /** What the recorder produced (MP4/H.264 → stream copy; WebM → re-encode). */
  recorderMimeType: string;
  /** Per provider: as-is / trim / remux / transcode. */
  plans: Record<string, string>;
  /** Recorder told to stop → upload-ready file(s); null when the stop time was not seen. */
  recordingEndToReadyMs: number | null;
  /** Recorder told to stop → the recording's Blob in hand (the recorder's own flush). */
  recorderFlushMs: number | null;
  /** Blob in hand → fitting started (the state change and its render). */
  handOverMs: number;
  /** Fitting started → upload-ready: loading the fitting code, probe, plan, ffmpeg jobs, verification. */
  fittingMs: number;
  /** What fitRecording reported (jobs with load/exec times, core wait); absent when nothing was fitted. */
  detail?: unknown;
}

export interface FittingStats {
  runs: FittingRunStats[];
}

declare global {
  interface Window {
    __fittingStats?: FittingStats;
  }
}

let lastRecording: { stoppedAt: number | null; clipReadyAt: number } | null = null;

/** The recording is finished: `stoppedAt` when the recorder was told to stop, `clipReadyAt` when its Blob arrived. */
export function noteRecordingEnded(stoppedAt: number | null, clipReadyAt: number): void {
  lastRecording = { stoppedAt, clipReadyAt };
}

const ms = (n: number) => Math.round(n);

/** Fitting produced upload-ready file(s) at `readyAt` (performance.now()); publishes the run. */
export function noteUploadReady(
  run: { recorderMimeType: string; fittingStartedAt: number; readyAt: number; telemetry: Record<string, unknown> },
): FittingRunStats {
  const recording = lastRecording;
  lastRecording = null;
  const fitting = run.telemetry.fitting as { plans?: Record<string, string> } | undefined;
  const stats: FittingRunStats = {
    recorderMimeType: run.recorderMimeType,
    plans: fitting?.plans ?? {},
    recordingEndToReadyMs: recording?.stoppedAt == null ? null : ms(run.readyAt - recording.stoppedAt),
    recorderFlushMs: recording?.stoppedAt == null ? null : ms(recording.clipReadyAt - recording.stoppedAt),
    handOverMs: recording ? ms(run.fittingStartedAt - recording.clipReadyAt) : 0,
    fittingMs: ms(run.readyAt - run.fittingStartedAt),
    ...(fitting ? { detail: fitting } : {}),
  };
  if (typeof window !== 'undefined') {
    window.__fittingStats ??= { runs: [] };
    window.__fittingStats.runs.push(stats);
  }
  return stats;
}
