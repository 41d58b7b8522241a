/** The recording state's effect: record the clip, then hand it to the machine with its telemetry and timing. */
import type { Dispatch, RefObject } from 'react';
import { isAbortError } from '../../../lib/abort';
import { describeCamera } from '../camera/camera';
import type { OpenedSource } from '../camera/media-source';
import { enginePreference } from '../fitting/fitting-engine';
import type { FitProvider } from '../fitting/plan';
import type { DetectorStats } from '../guidance/face-detector';
import type { CaptureEvent, RecordedClip, RecordingTrigger } from '../machine/machine';
import { abortableJob, errorMessage, type Cleanup } from '../state-effects';
import { fileNameForMimeType, pickRecorderMimeType, recordClip, type RecordOptions, type RecordResult } from './recorder';
import type { RecordingPath } from './recording-path';
import type { TelemetryCollector } from './telemetry';

// The path choice (with the planner), Mediabunny and the live encoder are loaded on demand, out of
// the first load (preloadRecordingCode: during the countdown).
const loadRecordingPath = () => import('./recording-path');
const loadLiveEncoder = () => import('./live-encoder');
const loadFitRecording = () => import('../fitting/fit-recording');

/**
 * Fetches the code the recording and fitting states run, so neither waits for it (fitting/warm-up.ts,
 * from the countdown on); the live encoder (Mediabunny, ~49 kB gzip) only when it will record.
 */
export function preloadRecordingCode(live: boolean): void {
  void (live ? loadLiveEncoder() : loadFitRecording()).catch(() => undefined);
}

export interface RecordingDeps {
  dispatch: Dispatch<CaptureEvent>;
  /** The guidance run's collector (it has seen the frames before and during the recording). */
  telemetry: RefObject<TelemetryCollector>;
  stats: DetectorStats;
  /**
   * Recordings started on this page: every one after the first is a retake (reviewers see the count).
   * `liveEncodeFailed`: encoding while recording failed once here; later takes use the recorder.
   */
  recordings: { started: number; liveEncodeFailed?: boolean };
}

interface Recorded extends RecordResult {
  /** In the clip's telemetry: which way it was recorded (and why not live). */
  recordingPath: Record<string, unknown>;
}

/**
 * Records with the path chooseRecordingPath picks; a live encoding that fails (not an abort) is
 * recorded again with MediaRecorder at once, and the page stays on the recorder.
 */
async function recordByPath(
  stream: MediaStream,
  providers: readonly FitProvider[],
  recordings: RecordingDeps['recordings'],
  options: RecordOptions & { onRestart: () => void },
): Promise<Recorded> {
  const { width, height, frameRate } = stream.getVideoTracks()[0]?.getSettings() ?? {};
  const recorderMimeType = pickRecorderMimeType((t) => MediaRecorder.isTypeSupported(t));
  const { canEncodeLive, chooseRecordingPath, liveEncodeAllowedFrom } = await loadRecordingPath();
  const path: RecordingPath = await chooseRecordingPath({
    providers,
    camera: { recorderMimeType, width, height, frameRate },
    engine: enginePreference(),
    allowed: liveEncodeAllowedFrom(window.location.search),
    failedBefore: recordings.liveEncodeFailed === true,
    canEncodeLive,
  });
  if (path.kind === 'live-encode') {
    try {
      const { recordEncoded } = await loadLiveEncoder();
      const result = await recordEncoded(stream, path.action, options);
      const { kind, ...settings } = path.action;
      return { ...result, recordingPath: { path: 'live-encode', [kind]: settings, ...result.live } };
    } catch (error) {
      if (options.signal?.aborted || isAbortError(error)) throw error;
      recordings.liveEncodeFailed = true;
      console.warn('Encoding while recording failed; recording with MediaRecorder instead:', error);
      options.onRestart();
      const result = await recordClip(stream, options);
      return { ...result, recordingPath: { path: 'recorder', liveEncodeFailure: errorMessage(error, 'failed') } };
    }
  }
  return { ...(await recordClip(stream, options)), recordingPath: { path: 'recorder', reason: path.reason } };
}

/**
 * Records RECORDING_MS of `source`, then dispatches RECORDING_DONE with the clip: its telemetry
 * names the source (`camera` / `demo:<name>`, so demo cases are never taken for real ones), and its
 * timing says when the recorder was told to stop and when the Blob arrived (fitting-stats.ts).
 */
export function recordTake(
  startedBy: RecordingTrigger,
  source: OpenedSource | null,
  providers: readonly FitProvider[],
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
    recordByPath(stream, providers, recordings, {
      signal,
      onProgress: (progress) => {
        if (progress >= 1) stoppedAt ??= performance.now();
        dispatch({ type: 'RECORDING_PROGRESS', progress });
      },
      onRestart: () => {
        stoppedAt = null;
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
          recordingPath: result.recordingPath,
        },
        timing,
      };
      dispatch({ type: 'RECORDING_DONE', clip });
    },
    (error) => dispatch({ type: 'RECORDING_FAILED', message: errorMessage(error, 'The recording failed.') }),
  );
}
