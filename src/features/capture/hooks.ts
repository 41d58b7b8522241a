/**
 * The capture page's side effects, each driven by the machine state: run the face detector, the
 * clock, record, upload (the camera's are in hooks-camera.ts). They only talk back to the machine through `dispatch`.
 */
import { useEffect, useRef, useState, type Dispatch, type RefObject } from 'react';
import type { FaceDetector } from '@mediapipe/tasks-vision';
import type { CaptureConsent, ProviderId } from '@contract/api';
import { isAbortError } from '../../lib/abort';
import { submitCapture } from './upload/api';
import { describeCamera } from './camera/camera';
import {
  DetectorStats,
  RECORDING_DETECT_INTERVAL_MS,
  clearOverlay,
  drawDetections,
  loadFaceDetector,
  startDetectionLoop,
} from './guidance/face-detector';
import { createFrameSampler } from './guidance/frame-sampler';
import { noteRecordingEnded } from './fitting/fitting-stats';
import { initialHintFilter, nextGuidance } from './guidance/guidance';
import { AUTO_START_CONFIG } from './guidance/guidance-config';
import type { CaptureEvent, FittedUpload, RecordedClip, RecordingTrigger } from './machine/machine';
import type { OpenedSource } from './camera/media-source';
import { fileNameForMimeType, recordClip } from './recording/recorder';
import { TelemetryCollector } from './recording/telemetry';

function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

const BOX_READY = '#10b981'; // emerald-500
const BOX_OTHER = '#f59e0b'; // amber-500

export interface FaceGuidanceRefs {
  videoRef: RefObject<HTMLVideoElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  telemetryRef: RefObject<TelemetryCollector>;
  stats: DetectorStats;
}

/**
 * Loads the detector once `load` is true (from the permission prompt on, so the download overlaps
 * it) and runs the detection loop while `active`. Every frame: time it, classify + smooth the hint,
 * note telemetry, draw the boxes; dispatch HINT only when the shown hint changes.
 */
export function useFaceGuidance(
  load: boolean,
  active: boolean,
  stream: MediaStream | null,
  refs: FaceGuidanceRefs,
  dispatch: Dispatch<CaptureEvent>,
): void {
  const [detector, setDetector] = useState<FaceDetector | null>(null);
  const { videoRef, canvasRef, telemetryRef, stats } = refs;

  useEffect(() => {
    if (!load || detector) return;
    let cancelled = false;
    loadFaceDetector().then(
      (d) => {
        if (!cancelled) setDetector(d);
      },
      (error: unknown) => {
        if (!cancelled) dispatch({ type: 'DETECTOR_FAILED', message: errorMessage(error, 'The face detector did not load.') });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load, detector, dispatch]);

  useEffect(() => {
    const video = videoRef.current;
    if (!active || !detector || !stream || !video) return;
    const telemetry = new TelemetryCollector();
    telemetryRef.current = telemetry;
    let filter = initialHintFilter;
    const sampleFrame = createFrameSampler();
    const stop = startDetectionLoop(
      video,
      detector,
      (f) => {
        const quality = sampleFrame(video);
        const { raw, filter: next } = nextGuidance(filter, { detections: f.detections, frame: f.frame, quality });
        telemetry.noteFrame(f.now, f.detections, f.frame, raw, quality);
        if (next.shown && next.shown !== filter.shown) {
          telemetry.noteHint(f.now, next.shown);
          dispatch({ type: 'HINT', hint: next.shown });
        }
        filter = next;
        const canvas = canvasRef.current;
        if (canvas) drawDetections(canvas, f.detections, f.frame, raw === 'ready' ? BOX_READY : BOX_OTHER);
        // The frame's whole guidance cost: detection (from f.now) plus every check above.
        stats.add(f.ms, performance.now() - f.now);
      },
      (error) => dispatch({ type: 'DETECTOR_FAILED', message: errorMessage(error, 'Face detection stopped working.') }),
      () => (telemetry.recording ? RECORDING_DETECT_INTERVAL_MS : 0),
    );
    return () => {
      stop();
      clearOverlay(canvasRef.current);
    };
  }, [active, detector, stream, videoRef, canvasRef, telemetryRef, stats, dispatch]);
}

/**
 * The machine's clock: dispatches TICK every AUTO_START_CONFIG.tickMs while `active`. `blocked`
 * (read on every tick) holds auto-start back, e.g. while no check is chosen; so does a hidden tab
 * (frames stop there, so the last `ready` would otherwise count down with nobody watching).
 */
export function useMachineClock(active: boolean, blocked: RefObject<boolean>, dispatch: Dispatch<CaptureEvent>): void {
  useEffect(() => {
    if (!active) return;
    const tick = () =>
      dispatch({ type: 'TICK', now: performance.now(), blocked: blocked.current || document.visibilityState === 'hidden' });
    tick();
    const id = window.setInterval(tick, AUTO_START_CONFIG.tickMs);
    return () => window.clearInterval(id);
  }, [active, blocked, dispatch]);
}

/**
 * Records RECORDING_MS of video while `recording`, then dispatches RECORDING_DONE with telemetry.
 * The telemetry names the source (`camera` / `demo:<name>`) so demo cases are never taken for real ones.
 */
export function useRecording(
  recording: RecordingTrigger | null,
  source: OpenedSource | null,
  telemetryRef: RefObject<TelemetryCollector>,
  stats: DetectorStats,
  dispatch: Dispatch<CaptureEvent>,
): void {
  // Recordings started on this page: every one after the first is a retake (reviewers see the count).
  const recordingsStarted = useRef(0);
  useEffect(() => {
    if (!recording || !source) return;
    const { stream } = source;
    const ac = new AbortController();
    recordingsStarted.current += 1;
    const retakes = recordingsStarted.current - 1;
    const telemetry = telemetryRef.current;
    telemetry.startRecording(performance.now(), recording);
    // When the recorder was told to stop (progress 1): where "recording end → upload-ready" starts.
    let stoppedAt: number | null = null;
    recordClip(stream, {
      signal: ac.signal,
      onProgress: (progress) => {
        if (progress >= 1) stoppedAt ??= performance.now();
        dispatch({ type: 'RECORDING_PROGRESS', progress });
      },
    }).then(
      (result) => {
        telemetry.stopRecording(performance.now());
        noteRecordingEnded(stoppedAt, performance.now());
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
        };
        dispatch({ type: 'RECORDING_DONE', clip });
      },
      (error: unknown) => {
        if (ac.signal.aborted || isAbortError(error)) return;
        dispatch({ type: 'RECORDING_FAILED', message: errorMessage(error, 'The recording failed.') });
      },
    );
    return () => ac.abort();
  }, [recording, source, telemetryRef, stats, dispatch]);
}

/**
 * Uploads whenever the machine enters `uploading` (again, on RETRY: `attempt` changes): the shared
 * file as `video`, fitted files as `video.<providerId>`, the clip's telemetry plus fitting's, and
 * the consent. Network failures and 5xx answers are retried with back-off (UPLOAD_RETRYING).
 */
export function useUpload(
  clip: RecordedClip | null,
  upload: FittedUpload | null,
  attempt: number,
  providers: RefObject<ProviderId[]>,
  consent: RefObject<CaptureConsent | null>,
  dispatch: Dispatch<CaptureEvent>,
): void {
  useEffect(() => {
    if (!clip || !upload) return;
    const given = consent.current;
    if (!given) {
      // Unreachable through the machine (consent comes first); refuse rather than send without it.
      dispatch({ type: 'UPLOAD_FAILED', message: 'Consent is missing: go back and agree first.' });
      return;
    }
    const ac = new AbortController();
    submitCapture({
      video: upload.shared,
      providerVideos: upload.perProvider,
      meta: { providers: providers.current, telemetry: { ...clip.telemetry, ...upload.telemetry }, consent: given },
      onProgress: (progress) => dispatch({ type: 'UPLOAD_PROGRESS', progress }),
      onRetry: (retry) => dispatch({ type: 'UPLOAD_RETRYING', retry }),
      signal: ac.signal,
      idempotencyKey: upload.idempotencyKey,
    }).then(
      (accepted) => dispatch({ type: 'UPLOAD_DONE', caseId: accepted.caseId, captureToken: accepted.captureToken }),
      (error: unknown) => {
        if (ac.signal.aborted || isAbortError(error)) return;
        dispatch({ type: 'UPLOAD_FAILED', message: errorMessage(error, 'The upload failed.') });
      },
    );
    return () => ac.abort();
  }, [clip, upload, attempt, providers, consent, dispatch]);
}

/** A value that is stable for the component's lifetime (like useRef, but typed as the value). */
export function useConstant<T>(make: () => T): T {
  const ref = useRef<{ value: T } | null>(null);
  ref.current ??= { value: make() };
  return ref.current.value;
}
