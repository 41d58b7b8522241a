/**
 * What the face detector is fed (#16 row 1): a small copy of the video frame, and only every other
 * frame while guiding.
 *
 * Why a small copy: BlazeFace short range looks at a 128×128 input, so a 640×480 frame is shrunk
 * to 128×96 inside MediaPipe anyway; a 320×240 copy loses nothing the model can see, and the
 * detector's own copy and conversion of the full frame is most of its cost (measured: 7.2 against
 * 10.1 ms per frame). On every frame of the calibration clips the small copy finds the right
 * number of faces at least as often as the full frame (fixtures/detector-paths.json, checked in
 * guidance-fast-path.test.ts).
 *
 * Why every other frame: the shown hint is smoothed over several frames anyway; a frame between two
 * detections is judged with the previous frame's faces (40 ms old) and its own brightness and
 * sharpness, and on the calibration clips that changes no shown hint and no capture state.
 */
import type { Detection } from '@mediapipe/tasks-vision';

/** The small copy's longer side (px); frames already that small are used as they are. */
export const DETECT_LONG_SIDE = 320;

/** While guiding, detect on one frame in this many; the others reuse the last detections. */
export const DETECT_EVERY_NTH_FRAME = 2;

/** The small copy's size for a `width`×`height` frame, and the factor that maps its pixels back. */
export function detectSize(width: number, height: number, longSide: number = DETECT_LONG_SIDE) {
  const factor = Math.min(1, longSide / Math.max(width, height));
  return { width: Math.round(width * factor), height: Math.round(height * factor), scale: 1 / factor };
}

/** Boxes found on the small copy, in the video's pixels. Keypoints are normalised (0–1) and stay. */
export function scaleDetections(detections: readonly Detection[], scale: number): Detection[] {
  if (scale === 1) return [...detections];
  return detections.map((d) => {
    const b = d.boundingBox;
    if (!b) return d;
    return {
      ...d,
      boundingBox: {
        ...b,
        originX: b.originX * scale,
        originY: b.originY * scale,
        width: b.width * scale,
        height: b.height * scale,
      },
    };
  });
}

/** A camera frame: the preview video (at its current frame), or a VideoFrame read from the camera track. */
export type FrameImage = HTMLVideoElement | VideoFrame;

export interface ScaledFrame {
  /** What to hand the detector and the frame sampler: the small copy, or the frame itself. */
  source: HTMLCanvasElement | FrameImage;
  /** Multiplies the source's pixels into the video's. */
  scale: number;
}

declare global {
  interface Window {
    /** Set before the camera starts (benchmarks, tests): detect on every full frame, the path before #16. */
    __guidanceFullFrame?: boolean;
  }
}

/** Whether this page runs the full-frame path (the fallback, and the bench's reference). */
export function fullFramePreferred(): boolean {
  return typeof window !== 'undefined' && window.__guidanceFullFrame === true;
}

/**
 * Copies each `width`×`height` frame into one reused small canvas. Falls back to the frame itself
 * (the full-frame path) where a 2D canvas is not available or drawing the frame fails.
 */
export function createFrameScaler(
  longSide: number = DETECT_LONG_SIDE,
): (image: FrameImage, width: number, height: number) => ScaledFrame {
  const canvas = fullFramePreferred() ? null : document.createElement('canvas');
  const ctx = canvas?.getContext('2d') ?? null;
  let broken = !ctx;
  return (image, width, height) => {
    const size = detectSize(width, height, longSide);
    if (broken || !canvas || !ctx || size.scale === 1) return { source: image, scale: 1 };
    if (canvas.width !== size.width) canvas.width = size.width;
    if (canvas.height !== size.height) canvas.height = size.height;
    try {
      ctx.drawImage(image, 0, 0, size.width, size.height);
      return { source: canvas, scale: size.scale };
    } catch {
      broken = true;
      return { source: image, scale: 1 };
    }
  };
}
