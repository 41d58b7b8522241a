/**
 * Timings from the end of a recording to an upload-ready file, published on `window.__fittingStats`
 * for benchmarks and e2e tests (the same figures also go into the capture's telemetry as `fitting`).
 * The recording's end travels with the clip (`RecordedClip.timing`); fitting closes the run.
 */
import type { RecordingTiming } from '../machine/machine';

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

const ms = (n: number) => Math.round(n);

/**
 * Fitting produced upload-ready file(s) at `readyAt` (performance.now()); publishes the run.
 * `recording`: the fitted clip's timing (absent: only the fitting itself is timed).
 */
export function noteUploadReady(run: {
  recording?: RecordingTiming | undefined;
  recorderMimeType: string;
  fittingStartedAt: number;
  readyAt: number;
  telemetry: Record<string, unknown>;
}): FittingRunStats {
  const { recording } = run;
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
