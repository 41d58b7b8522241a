/**
 * MediaPipe tasks-vision FaceDetector (BlazeFace short range), loaded on demand from our own
 * origin: the JS via a dynamic import (its own chunk), the wasm from /mediapipe/wasm/ (served by
 * the Vite plugin in vite.config.ts, copied into dist/ on build), the model from /models/.
 */
import type { Detection, FaceDetector } from '@mediapipe/tasks-vision';
import { median, percentile } from '../../../lib/stats';
import { DETECT_EVERY_NTH_FRAME, createFrameScaler, fullFramePreferred, scaleDetections } from './detect-frame';
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

export interface DetectionFrame {
  /** Boxes in the video's pixels; on a frame between two detections, the previous detection's. */
  detections: Detection[];
  frame: { width: number; height: number };
  /** performance.now() when the frame was handed to the detector */
  now: number;
  /** time spent copying the frame small and in detectForVideo; null on a frame the detector skipped */
  ms: number | null;
  /** The frame as the detector saw it (the small copy, or the video): sample brightness/sharpness from it. */
  source: HTMLCanvasElement | HTMLVideoElement;
  /** Frames the camera presented since the loop started (requestVideoFrameCallback), when known. */
  presentedFrames?: number;
}

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, metadata: { presentedFrames: number }) => void) => number;
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
 * Judges every new video frame (requestVideoFrameCallback; requestAnimationFrame where it is
 * missing): detects on a small copy of every `DETECT_EVERY_NTH_FRAME`th frame (detect-frame.ts),
 * and hands the frames between on with the last detections. Returns a stop function.
 */
export function startDetectionLoop(
  video: HTMLVideoElement,
  detector: FaceDetector,
  onFrame: (frame: DetectionFrame) => void,
  onError: (error: unknown) => void,
  /** Minimum ms between two judged frames, read on every frame (0 = every frame). */
  minIntervalMs: () => number = () => 0,
): () => void {
  const v = video as VideoWithRvfc;
  const useRvfc = typeof v.requestVideoFrameCallback === 'function';
  const scaleFrame = createFrameScaler();
  const detectEvery = fullFramePreferred() ? 1 : DETECT_EVERY_NTH_FRAME;
  let stopped = false;
  let handle = 0;
  let errors = 0;
  let lastVideoTime = -1;
  let lastDetectAt = Number.NEGATIVE_INFINITY;
  let firstPresented: number | null = null;
  let judged = 0;
  let last: Detection[] | null = null;

  const schedule = () => {
    if (stopped) return;
    handle = useRvfc
      ? (v.requestVideoFrameCallback as NonNullable<VideoWithRvfc['requestVideoFrameCallback']>).call(v, step)
      : requestAnimationFrame(() => step());
  };

  function step(_now?: number, metadata?: { presentedFrames: number }) {
    if (stopped) return;
    const ready = video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;
    // rAF fires at display rate; only run when the video advanced to a new frame.
    const fresh = useRvfc || video.currentTime !== lastVideoTime;
    const now = performance.now();
    if (metadata) firstPresented ??= metadata.presentedFrames - 1;
    const presentedFrames = metadata && firstPresented !== null ? metadata.presentedFrames - firstPresented : undefined;
    // While recording the loop is throttled: detect on every judged frame then.
    const interval = minIntervalMs();
    if (ready && fresh && now - lastDetectAt >= interval) {
      lastVideoTime = video.currentTime;
      lastDetectAt = now;
      const frame = { width: video.videoWidth, height: video.videoHeight };
      try {
        const scaled = scaleFrame(video);
        const detect = last === null || interval > 0 || judged % detectEvery === 0;
        judged += 1;
        if (detect) {
          last = scaleDetections(detector.detectForVideo(scaled.source, now).detections, scaled.scale);
          errors = 0;
        }
        const ms = detect ? performance.now() - now : null;
        onFrame({ detections: last ?? [], frame, now, ms, source: scaled.source, presentedFrames });
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
