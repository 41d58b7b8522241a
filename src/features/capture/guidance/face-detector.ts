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

/** Frame counts since the loop started: how many the camera presented, how many guidance judged. */
export interface GuidanceFrameCounts {
  presented: number;
  judged: number;
  /** judged frames the detector ran on (the others reuse the previous detections) */
  detected: number;
  /** guidance time over all judged frames (ms): ÷ judged = the mean cost per camera frame */
  totalMs: number;
}

declare global {
  interface Window {
    /** Live detector timings for benchmarks and e2e tests. */
    __detectorStats?: DetectorStatsSnapshot;
    __guidanceFrames?: GuidanceFrameCounts;
  }
}

/** Rolling per-frame timings (last `windowSize` frames); published on `window.__detectorStats` after every frame. */
export class DetectorStats {
  private readonly detectWindow: number[] = [];
  private readonly frameWindow: number[] = [];
  frames = 0;
  lastMs = 0;

  constructor(private readonly windowSize = 100) {}

  readonly counts: GuidanceFrameCounts = { presented: 0, judged: 0, detected: 0, totalMs: 0 };

  /**
   * `detectMs`: the detection (null on a frame judged with the previous detections); `frameMs`:
   * everything that judged the frame; `presented`: the camera's frames so far, when known.
   */
  add(detectMs: number | null, frameMs: number = detectMs ?? 0, presented?: number): DetectorStatsSnapshot {
    this.frames += 1;
    this.counts.judged += 1;
    this.counts.totalMs += frameMs;
    this.counts.presented = presented ?? this.counts.judged;
    if (detectMs !== null) {
      this.counts.detected += 1;
      this.lastMs = detectMs;
      this.detectWindow.push(detectMs);
      if (this.detectWindow.length > this.windowSize) this.detectWindow.shift();
    }
    this.frameWindow.push(frameMs);
    if (this.frameWindow.length > this.windowSize) this.frameWindow.shift();
    const snapshot = this.snapshot();
    if (typeof window !== 'undefined') {
      window.__detectorStats = snapshot;
      window.__guidanceFrames = { ...this.counts };
    }
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
