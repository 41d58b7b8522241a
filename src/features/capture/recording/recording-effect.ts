/** The recording state's effect: record the clip, then hand it to the machine with its telemetry and timing. */
import type { Dispatch, RefObject } from 'react';
import { describeCamera } from '../camera/camera';
import type { OpenedSource } from '../camera/media-source';
import type { DetectorStats } from '../guidance/face-detector';
import type { CaptureEvent, RecordedClip, RecordingTrigger } from '../machine/machine';
import { abortableJob, errorMessage, type Cleanup } from '../state-effects';
import { fileNameForMimeType, recordClip } from './recorder';
import type { TelemetryCollector } from './telemetry';

export interface RecordingDeps {
  dispatch: Dispatch<CaptureEvent>;
  /** The guidance run's collector (it has seen the frames before and during the recording). */
  telemetry: RefObject<TelemetryCollector>;
  stats: DetectorStats;
  /** Recordings started on this page: every one after the first is a retake (reviewers see the count). */
  recordings: { started: number };
}

/**
 * Records RECORDING_MS of `source`, then dispatches RECORDING_DONE with the clip: its telemetry
 * names the source (`camera` / `demo:<name>`, so demo cases are never taken for real ones), and its
 * timing says when the recorder was told to stop and when the Blob arrived (fitting-stats.ts).
 */
export function recordTake(
  startedBy: RecordingTrigger,
  source: OpenedSource | null,
  { dispatch, telemetry: telemetryRef, stats, recordings }: RecordingDeps,
): Cleanup | void {
  if (!source) return;
  const { stream } = source;
  recordings.started += 1;
  const retakes = recordings.started - 1;
  const telemetry = telemetryRef.current;
  telemetry.startRecording(performance.now(), startedBy);
  // When the recorder was told to stop (progress 1): where "recording end → upload-ready" starts.
  let stoppedAt: number | null = null;
  const record = (signal: AbortSignal) =>
    recordClip(stream, {
      signal,
      onProgress: (progress) => {
        if (progress >= 1) stoppedAt ??= performance.now();
        dispatch({ type: 'RECORDING_PROGRESS', progress });
      },
    });
  return abortableJob(
    record,
    (result) => {
      telemetry.stopRecording(performance.now());
      const timing = { stoppedAt, clipReadyAt: performance.now() };
      const clip: RecordedClip = {
        blob: result.blob,
        mimeType: result.mimeType,
        fileName: fileNameForMimeType(result.mimeType),
        telemetry: {
          source: source.source,
          ...telemetry.build({
            recorderMimeType: result.mimeType,
            requestedMimeType: result.requestedMimeType,
            ...describeCamera(stream),
            // A captured <video> track has no meaningful label of its own; use the source's.
            cameraLabel: source.label,
            detectorMsMedian: stats.medianMs,
            detectorFrames: stats.frames,
            clipBytes: result.blob.size,
            userAgent: navigator.userAgent,
            retakes,
          }),
        },
        timing,
      };
      dispatch({ type: 'RECORDING_DONE', clip });
    },
    (error) => dispatch({ type: 'RECORDING_FAILED', message: errorMessage(error, 'The recording failed.') }),
  );
}
