/**
 * The guidance loop (#16 row 1): hands every camera frame to the detector and the checks.
 *
 * Preferred: the camera's own frames, read from a MediaStreamTrackProcessor on a clone of the
 * track (Chromium). A frame is delivered as a task the moment the camera produces it, so a frame is
 * lost only when the main thread stays busy for longer than a frame interval; the processor's
 * `totalFrames` counts what the camera delivered, so "presented" is the camera's count, not ours.
 * (Chromium keeps only the newest frame for a window's processor whatever `maxBufferSize` says,
 * and cannot move a track to a worker, so frames cannot be queued across a longer stall.)
 *
 * Fallback (Firefox, Safari, or `window.__guidanceVideoLoop`): the preview's
 * requestVideoFrameCallback, requestAnimationFrame where that is missing too. Its callbacks ride on
 * the page's rendering, so under load they skip frames the camera presented.
 */
import type { Detection, FaceDetector } from '@mediapipe/tasks-vision';
import { DETECT_EVERY_NTH_FRAME, createFrameScaler, fullFramePreferred, scaleDetections, type FrameImage } from './detect-frame';

export interface DetectionFrame {
  /** Boxes in the video's pixels; on a frame between two detections, the previous detection's. */
  detections: Detection[];
  frame: { width: number; height: number };
  /** performance.now() when the frame was handed to the detector */
  now: number;
  /** time spent copying the frame small and in detectForVideo; null on a frame the detector skipped */
  ms: number | null;
  /** The frame as the detector saw it (the small copy, or the frame itself): sample brightness/sharpness from it. */
  source: HTMLCanvasElement | FrameImage;
  /** Frames the camera presented since the loop started, when known. */
  presentedFrames?: number;
}

export type GuidanceLoopKind = 'camera' | 'video';

declare global {
  interface Window {
    /** Set before the camera starts (tests, benchmarks): judge the preview's frames (the fallback loop). */
    __guidanceVideoLoop?: boolean;
    /** Which loop guidance runs on, for tests and benchmarks. */
    __guidanceLoop?: GuidanceLoopKind;
  }
}

/**
 * While MediaRecorder is encoding, detect at most every 190 ms (~5 fps instead of 25) to leave the
 * CPU to the encoder. Measured on the loaded 2-vCPU box (SwiftShader, no GPU): with detection on
 * every frame 2 of 5 clips came out at 17–22 fps (below Tencent's 24 fps minimum); at ~10 fps
 * detection 1 of 12 still did. ~5 fps still gives the 5/s face-box samples and the hint history
 * (a hint change then needs ~0.6 s to show, which is fine while recording).
 */
export const RECORDING_DETECT_INTERVAL_MS = 190;

/** Consecutive detectForVideo failures before the loop gives up and reports an error. */
const MAX_CONSECUTIVE_ERRORS = 5;

export interface DetectionLoopOptions {
  detector: Pick<FaceDetector, 'detectForVideo'>;
  onFrame: (frame: DetectionFrame) => void;
  onError: (error: unknown) => void;
  /** Minimum ms between two judged frames, read on every frame (0 = every frame). */
  minIntervalMs?: () => number;
}

type FrameSize = { width: number; height: number };

/** Judges one frame; false once the loop must stop (the detector kept failing). */
type JudgeFrame = (image: FrameImage, size: FrameSize, presentedFrames?: number) => boolean;

/**
 * Detects on a small copy of every `DETECT_EVERY_NTH_FRAME`th frame (detect-frame.ts) and hands
 * the frames between on with the last detections.
 */
function createFrameJudge({ detector, onFrame, onError, minIntervalMs = () => 0 }: DetectionLoopOptions): JudgeFrame {
  const scaleFrame = createFrameScaler();
  const detectEvery = fullFramePreferred() ? 1 : DETECT_EVERY_NTH_FRAME;
  let errors = 0;
  let judged = 0;
  let lastDetectAt = Number.NEGATIVE_INFINITY;
  let last: Detection[] | null = null;
  return (image, frame, presentedFrames) => {
    const now = performance.now();
    // While recording the loop is throttled: detect on every judged frame then.
    const interval = minIntervalMs();
    if (now - lastDetectAt < interval) return true;
    lastDetectAt = now;
    try {
      const scaled = scaleFrame(image, frame.width, frame.height);
      const detect = last === null || interval > 0 || judged % detectEvery === 0;
      judged += 1;
      if (detect) {
        last = scaleDetections(detector.detectForVideo(scaled.source, now).detections, scaled.scale);
        errors = 0;
      }
      const ms = detect ? performance.now() - now : null;
      onFrame({ detections: last ?? [], frame: { ...frame }, now, ms, source: scaled.source, presentedFrames });
    } catch (error) {
      errors += 1;
      if (errors >= MAX_CONSECUTIVE_ERRORS) {
        onError(error);
        return false;
      }
    }
    return true;
  };
}

/** Whether this page reads the camera's frames itself (MediaStreamTrackProcessor), not the preview's. */
export function cameraFramesAvailable(track: MediaStreamTrack | undefined): track is MediaStreamTrack {
  if (!track || typeof MediaStreamTrackProcessor !== 'function') return false;
  return typeof window === 'undefined' || window.__guidanceVideoLoop !== true;
}

/**
 * Counts the camera's frames from the processor's `totalFrames` where the browser reports it,
 * otherwise from the frames' timestamps (a gap of n frame intervals = n frames).
 */
export function createPresentedCounter(frameRate: number | undefined) {
  const intervalUs = 1e6 / (frameRate && frameRate > 0 ? frameRate : 30);
  let firstTotal: number | null = null;
  let lastTimestamp: number | null = null;
  let counted = 0;
  return (frame: { timestamp: number }, totalFrames: number | undefined): number => {
    if (typeof totalFrames === 'number') {
      firstTotal ??= totalFrames - 1;
      return totalFrames - firstTotal;
    }
    const gap = lastTimestamp === null ? 1 : Math.max(1, Math.round((frame.timestamp - lastTimestamp) / intervalUs));
    lastTimestamp = frame.timestamp;
    counted += gap;
    return counted;
  };
}

/**
 * Whether a camera frame is oriented like the preview the person sees (and the overlay is drawn on):
 * a camera that hands out frames with a rotation still to apply (phones) is judged on the preview instead.
 */
export function sameOrientation(video: Pick<HTMLVideoElement, 'videoWidth' | 'videoHeight'>, frame: FrameSize): boolean {
  if (video.videoWidth === 0 || video.videoHeight === 0 || frame.width === frame.height) return true;
  return video.videoWidth > video.videoHeight === frame.width > frame.height;
}

/**
 * Reads `track`'s frames (on a clone, stopped with the loop) and judges each; every frame is closed
 * at once, so the camera's buffers go back to it. `onFailed` runs when the stream errors before
 * the loop was stopped (e.g. the processor refused the track), or a frame is not `usable`: the
 * caller falls back.
 */
function startCameraFrameLoop(
  track: MediaStreamTrack,
  judge: JudgeFrame,
  usable: (size: FrameSize) => boolean,
  onFailed: () => void,
): () => void {
  const clone = track.clone();
  const processor = new MediaStreamTrackProcessor({ track: clone as MediaStreamVideoTrack });
  const reader = processor.readable.getReader();
  const countPresented = createPresentedCounter(clone.getSettings().frameRate);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    void reader.cancel().catch(() => undefined);
    clone.stop();
  };
  const read = async () => {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done) return;
      try {
        if (stopped) return;
        const presented = countPresented(frame, processor.totalFrames);
        const size = { width: frame.displayWidth, height: frame.displayHeight };
        if (!usable(size)) throw new Error('The camera frame is not oriented like the preview.');
        if (!judge(frame, size, presented)) return stop();
      } finally {
        frame.close();
      }
    }
  };
  read().catch(() => {
    if (stopped) return;
    stop();
    onFailed();
  });
  return stop;
}

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, metadata: { presentedFrames: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** The fallback: judges every new frame of the preview (requestVideoFrameCallback; requestAnimationFrame where it is missing). */
function startVideoFrameLoop(video: HTMLVideoElement, judge: JudgeFrame): () => void {
  const v = video as VideoWithRvfc;
  const useRvfc = typeof v.requestVideoFrameCallback === 'function';
  let stopped = false;
  let handle = 0;
  let lastVideoTime = -1;
  let firstPresented: number | null = null;

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
    if (metadata) firstPresented ??= metadata.presentedFrames - 1;
    const presentedFrames = metadata && firstPresented !== null ? metadata.presentedFrames - firstPresented : undefined;
    if (ready && fresh) {
      lastVideoTime = video.currentTime;
      if (!judge(video, { width: video.videoWidth, height: video.videoHeight }, presentedFrames)) {
        stopped = true;
        return;
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
 * Judges every frame of the camera (`track`) where the browser can read them, otherwise of the
 * preview (`video`). Returns a stop function.
 */
export function startDetectionLoop(
  video: HTMLVideoElement,
  track: MediaStreamTrack | undefined,
  options: DetectionLoopOptions,
): () => void {
  const judge = createFrameJudge(options);
  let stopCurrent: () => void = () => undefined;
  let stopped = false;
  const fallBack = () => {
    if (stopped) return;
    if (typeof window !== 'undefined') window.__guidanceLoop = 'video';
    stopCurrent = startVideoFrameLoop(video, judge);
  };
  if (cameraFramesAvailable(track)) {
    try {
      stopCurrent = startCameraFrameLoop(track, judge, (size) => sameOrientation(video, size), fallBack);
      if (typeof window !== 'undefined') window.__guidanceLoop = 'camera';
    } catch {
      fallBack();
    }
  } else fallBack();
  return () => {
    stopped = true;
    stopCurrent();
  };
}
