/**
 * The guidance states' effects: load the face detector early, run it on every frame, and the
 * machine's TICK clock. They talk back to the machine only through `dispatch`.
 */
import type { Dispatch, RefObject } from 'react';
import type { CaptureEvent } from '../machine/machine';
import { TelemetryCollector } from '../recording/telemetry';
import { errorMessage, type Cleanup } from '../state-effects';
import { RECORDING_DETECT_INTERVAL_MS, startDetectionLoop } from './detection-loop';
import { DetectorStats, clearOverlay, drawDetections, loadFaceDetector } from './face-detector';
import { createFrameSampler } from './frame-sampler';
import { initialHintFilter, nextGuidance } from './guidance';
import { AUTO_START_CONFIG } from './guidance-config';

const BOX_READY = '#10b981'; // emerald-500
const BOX_OTHER = '#f59e0b'; // amber-500

/** Starts the detector download (from the permission prompt on, so it overlaps it); reports a failed load. */
export function preloadDetector(dispatch: Dispatch<CaptureEvent>): Cleanup {
  let cancelled = false;
  loadFaceDetector().catch((error: unknown) => {
    if (!cancelled) dispatch({ type: 'DETECTOR_FAILED', message: errorMessage(error, 'The face detector did not load.') });
  });
  return () => {
    cancelled = true;
  };
}

export interface GuidanceDeps {
  dispatch: Dispatch<CaptureEvent>;
  videoRef: RefObject<HTMLVideoElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** A fresh collector per guidance run; the recorder reads it. */
  telemetry: RefObject<TelemetryCollector>;
  stats: DetectorStats;
}

/**
 * Runs the detection loop on `stream`'s camera frames (or its preview, detection-loop.ts) once the detector is loaded (a failed load is
 * preloadDetector's to report). Every frame: time it, classify + smooth the hint, note telemetry,
 * draw the boxes; dispatch HINT only when the shown hint changes.
 */
export function runGuidance(
  stream: MediaStream | null,
  { dispatch, videoRef, canvasRef, telemetry: telemetryRef, stats }: GuidanceDeps,
): Cleanup {
  let cancelled = false;
  let stop: (() => void) | null = null;
  loadFaceDetector().then(
    (detector) => {
      const video = videoRef.current;
      if (cancelled || !stream || !video) return;
      const telemetry = new TelemetryCollector();
      telemetryRef.current = telemetry;
      let filter = initialHintFilter;
      const sampleFrame = createFrameSampler();
      stop = startDetectionLoop(video, stream.getVideoTracks()[0], {
        detector,
        onFrame: (f) => {
          const quality = sampleFrame(f.source);
          const { raw, filter: next } = nextGuidance(filter, { detections: f.detections, frame: f.frame, quality });
          telemetry.noteFrame(f.now, f.detections, f.frame, raw, quality);
          if (next.shown && next.shown !== filter.shown) {
            telemetry.noteHint(f.now, next.shown);
            dispatch({ type: 'HINT', hint: next.shown });
          }
          filter = next;
          const canvas = canvasRef.current;
          if (canvas) drawDetections(canvas, f.detections, f.frame, raw === 'ready' ? BOX_READY : BOX_OTHER);
          // The frame's whole guidance cost: the small copy and detection (from f.now) plus every check above.
          stats.add(f.ms, performance.now() - f.now, f.presentedFrames);
        },
        onError: (error) =>
          dispatch({ type: 'DETECTOR_FAILED', message: errorMessage(error, 'Face detection stopped working.') }),
        minIntervalMs: () => (telemetry.recording ? RECORDING_DETECT_INTERVAL_MS : 0),
      });
    },
    () => undefined,
  );
  return () => {
    cancelled = true;
    if (!stop) return;
    stop();
    clearOverlay(canvasRef.current);
  };
}

/**
 * The machine's clock: dispatches TICK every AUTO_START_CONFIG.tickMs. `blocked()` (read on every
 * tick) holds auto-start back, e.g. while no check is chosen; so does a hidden tab (frames stop
 * there, so the last `ready` would otherwise count down with nobody watching).
 */
export function runClock(blocked: () => boolean, dispatch: Dispatch<CaptureEvent>): Cleanup {
  const tick = () =>
    dispatch({ type: 'TICK', now: performance.now(), blocked: blocked() || document.visibilityState === 'hidden' });
  tick();
  const id = window.setInterval(tick, AUTO_START_CONFIG.tickMs);
  return () => window.clearInterval(id);
}
