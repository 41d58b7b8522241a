/**
 * MediaPipe tasks-vision FaceDetector (BlazeFace short range), loaded on demand from our own
 * origin: the JS via a dynamic import (its own chunk), the wasm from /mediapipe/wasm/ (served by
 * the Vite plugin in vite.config.ts, copied into dist/ on build), the model from /models/.
 */
import type { Detection, FaceDetector } from '@mediapipe/tasks-vision';
import { median, percentile } from '../../../lib/stats';
import { FACE_MODEL_PATH, MEDIAPIPE_WASM_PATH } from './detector-files';
import { MIN_DETECTION_CONFIDENCE } from './guidance-config';

export { MIN_DETECTION_CONFIDENCE };

export { FACE_MODEL_PATH, MEDIAPIPE_WASM_PATH };

let detectorPromise: Promise<FaceDetector> | null = null;

/** Loads (once) and returns the shared detector. A failed load is forgotten so a retry reloads. */
export function loadFaceDetector(): Promise<FaceDetector> {
  detectorPromise ??= (async () => {
    const { FilesetResolver, FaceDetector } = await import('@mediapipe/tasks-vision');
    const fileset = await FilesetResolver.forVisionTasks(MEDIAPIPE_WASM_PATH);
    return FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: FACE_MODEL_PATH, delegate: 'CPU' },
      runningMode: 'VIDEO',
      minDetectionConfidence: MIN_DETECTION_CONFIDENCE,
    });
  })().catch((error: unknown) => {
    detectorPromise = null;
    throw error;
  });
  return detectorPromise;
}

export interface DetectorStatsSnapshot {
  frames: number;
  /** detectForVideo alone */
  medianMs: number;
  p95Ms: number;
  lastMs: number;
  /** The whole per-frame guidance cost: detection plus every check (frame sample, hint, overlay). */
  frameMedianMs: number;
  frameP95Ms: number;
}

declare global {
  interface Window {
    /** Live detector timings for benchmarks and e2e tests. */
    __detectorStats?: DetectorStatsSnapshot;
  }
}

/** Rolling per-frame timings (last `windowSize` frames); published on `window.__detectorStats` after every frame. */
export class DetectorStats {
  private readonly detectWindow: number[] = [];
  private readonly frameWindow: number[] = [];
  frames = 0;
  lastMs = 0;

  constructor(private readonly windowSize = 100) {}

  /** `detectMs`: detectForVideo; `frameMs`: detection plus the checks that judged the frame. */
  add(detectMs: number, frameMs: number = detectMs): DetectorStatsSnapshot {
    this.frames += 1;
    this.lastMs = detectMs;
    this.detectWindow.push(detectMs);
    this.frameWindow.push(frameMs);
    if (this.detectWindow.length > this.windowSize) this.detectWindow.shift();
    if (this.frameWindow.length > this.windowSize) this.frameWindow.shift();
    const snapshot = this.snapshot();
    if (typeof window !== 'undefined') window.__detectorStats = snapshot;
    return snapshot;
  }

  get medianMs(): number | null {
    return median(this.detectWindow) ?? null;
  }

  snapshot(): DetectorStatsSnapshot {
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      frames: this.frames,
      medianMs: round(this.medianMs ?? 0),
      p95Ms: round(percentile(this.detectWindow, 95)),
      lastMs: round(this.lastMs),
      frameMedianMs: round(median(this.frameWindow) ?? 0),
      frameP95Ms: round(percentile(this.frameWindow, 95)),
    };
  }
}

export interface DetectionFrame {
  detections: Detection[];
  frame: { width: number; height: number };
  /** performance.now() when the frame was handed to the detector */
  now: number;
  /** time spent in detectForVideo */
  ms: number;
}

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** Consecutive detectForVideo failures before the loop gives up and reports an error. */
const MAX_CONSECUTIVE_ERRORS = 5;

/**
 * While MediaRecorder is encoding, detect at most every 190 ms (~5 fps instead of 25) to leave the
 * CPU to the encoder. Measured on the loaded 2-vCPU box (SwiftShader, no GPU): with detection on
 * every frame 2 of 5 clips came out at 17–22 fps (below Tencent's 24 fps minimum); at ~10 fps
 * detection 1 of 12 still did. ~5 fps still gives the 5/s face-box samples and the hint history
 * (a hint change then needs ~0.6 s to show, which is fine while recording).
 */
export const RECORDING_DETECT_INTERVAL_MS = 190;

/**
 * Runs the detector on every new video frame (requestVideoFrameCallback; requestAnimationFrame
 * where it is missing). Returns a stop function.
 */
export function startDetectionLoop(
  video: HTMLVideoElement,
  detector: FaceDetector,
  onFrame: (frame: DetectionFrame) => void,
  onError: (error: unknown) => void,
  /** Minimum ms between two detections, read on every frame (0 = every frame). */
  minIntervalMs: () => number = () => 0,
): () => void {
  const v = video as VideoWithRvfc;
  const useRvfc = typeof v.requestVideoFrameCallback === 'function';
  let stopped = false;
  let handle = 0;
  let errors = 0;
  let lastVideoTime = -1;
  let lastDetectAt = Number.NEGATIVE_INFINITY;

  const schedule = () => {
    if (stopped) return;
    handle = useRvfc ? (v.requestVideoFrameCallback as (cb: () => void) => number).call(v, step) : requestAnimationFrame(step);
  };

  function step() {
    if (stopped) return;
    const ready = video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;
    // rAF fires at display rate; only run when the video advanced to a new frame.
    const fresh = useRvfc || video.currentTime !== lastVideoTime;
    const now = performance.now();
    if (ready && fresh && now - lastDetectAt >= minIntervalMs()) {
      lastVideoTime = video.currentTime;
      lastDetectAt = now;
      try {
        const result = detector.detectForVideo(video, now);
        const ms = performance.now() - now;
        errors = 0;
        onFrame({ detections: result.detections, frame: { width: video.videoWidth, height: video.videoHeight }, now, ms });
      } catch (error) {
        errors += 1;
        if (errors >= MAX_CONSECUTIVE_ERRORS) {
          stopped = true;
          onError(error);
          return;
        }
      }
    }
    schedule();
  }

  schedule();
  return () => {
    stopped = true;
    if (useRvfc) v.cancelVideoFrameCallback?.(handle);
    else cancelAnimationFrame(handle);
  };
}

/**
 * Draws face boxes on the overlay canvas. The canvas has the video's pixel size and sits in the
 * same mirrored container as the preview, so boxes are drawn in unmirrored video coordinates.
 */
export function drawDetections(
  canvas: HTMLCanvasElement,
  detections: readonly Detection[],
  frame: { width: number; height: number },
  color: string,
): void {
  if (canvas.width !== frame.width) canvas.width = frame.width;
  if (canvas.height !== frame.height) canvas.height = frame.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const lineWidth = Math.max(2, Math.round(Math.min(frame.width, frame.height) / 160));
  ctx.lineWidth = lineWidth;
  ctx.strokeStyle = color;
  ctx.lineJoin = 'round';
  for (const d of detections) {
    const b = d.boundingBox;
    if (!b) continue;
    const r = Math.min(b.width, b.height) * 0.12;
    ctx.beginPath();
    ctx.roundRect(b.originX, b.originY, b.width, b.height, r);
    ctx.stroke();
  }
}

export function clearOverlay(canvas: HTMLCanvasElement | null): void {
  const ctx = canvas?.getContext('2d');
  if (canvas && ctx) ctx.clearRect(0, 0, canvas.width, canvas.height);
}
