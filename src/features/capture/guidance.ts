/**
 * Face guidance: turns the face detector's output for one video frame into ONE hint for the
 * person in front of the camera, and smooths the hint over frames so it does not flicker.
 * Pure: no React, no DOM, no MediaPipe import (the detection shape is structural).
 */

export type GuidanceHint = 'no_face' | 'multiple_faces' | 'move_closer' | 'ready';

/** The part of a MediaPipe `Detection` guidance needs (boxes are in video pixels). */
export interface FaceDetectionLike {
  boundingBox?: { originX: number; originY: number; width: number; height: number };
  categories?: ReadonlyArray<{ score: number }>;
}

export interface FrameSize {
  width: number;
  height: number;
}

/**
 * All guidance thresholds in one place.
 *
 * - `minFaceBoxPx` 100: Tencent DetectAIFakeFaces asks for a face of at least 100×100 px, and
 *   BlazeFace (128×128 input) gets unreliable on smaller faces; the 640×480 fixture's face is
 *   121–153 px, so a real selfie at arm's length passes comfortably.
 * - `minFaceFractionOfShortSide` 0.2: keeps the face a meaningful part of the frame independent
 *   of resolution (96 px at 480p, 144 px at 720p). Vendors sample a few frames and use the
 *   largest face; Smile ID / Yoti use 0.30–0.35 of the frame, we stay looser because BlazeFace's
 *   box is tighter (forehead to chin, no hair) than a landmark box.
 * - `holdFrames` 3: a new hint must be seen on 3 consecutive frames (~120 ms at 25 fps) before it
 *   replaces the shown one. That hides single-frame detector misses (and the ~0.57-score false
 *   positives on background objects that slip past the confidence filter) without making the UI
 *   feel slow.
 */
export const GUIDANCE_CONFIG = {
  minFaceBoxPx: 100,
  minFaceFractionOfShortSide: 0.2,
  holdFrames: 3,
} as const;

export type GuidanceConfig = {
  minFaceBoxPx: number;
  minFaceFractionOfShortSide: number;
  holdFrames: number;
};

/** Size of a face box: BlazeFace boxes are square; use the larger side to be safe. */
function boxSize(d: FaceDetectionLike): number {
  const b = d.boundingBox;
  return b ? Math.max(b.width, b.height) : 0;
}

/** The hint for a single frame, before smoothing. */
export function classifyFrame(
  detections: readonly FaceDetectionLike[],
  frame: FrameSize,
  config: GuidanceConfig = GUIDANCE_CONFIG,
): GuidanceHint {
  const faces = detections.filter((d) => d.boundingBox && d.boundingBox.width > 0 && d.boundingBox.height > 0);
  if (faces.length === 0) return 'no_face';
  if (faces.length > 1) return 'multiple_faces';
  const size = boxSize(faces[0] as FaceDetectionLike);
  const shortSide = Math.min(frame.width, frame.height);
  const minSize = Math.max(config.minFaceBoxPx, config.minFaceFractionOfShortSide * shortSide);
  return size < minSize ? 'move_closer' : 'ready';
}

/** Hysteresis state: the hint on screen, and a challenger counting consecutive frames. */
export interface HintFilterState {
  shown: GuidanceHint | null;
  candidate: GuidanceHint | null;
  count: number;
}

export const initialHintFilter: HintFilterState = { shown: null, candidate: null, count: 0 };

/**
 * Feeds one raw per-frame hint into the filter. The very first hint is shown at once (there is
 * nothing to flicker from); after that a different hint must hold for `holdFrames` consecutive
 * frames to replace the shown one. A frame that agrees with the shown hint resets the challenger.
 */
export function filterHint(
  state: HintFilterState,
  raw: GuidanceHint,
  config: Pick<GuidanceConfig, 'holdFrames'> = GUIDANCE_CONFIG,
): HintFilterState {
  if (state.shown === null) return { shown: raw, candidate: null, count: 0 };
  if (raw === state.shown) {
    return state.candidate === null ? state : { shown: state.shown, candidate: null, count: 0 };
  }
  const count = raw === state.candidate ? state.count + 1 : 1;
  if (count >= config.holdFrames) return { shown: raw, candidate: null, count: 0 };
  return { shown: state.shown, candidate: raw, count };
}

/** Convenience: classify a frame and feed it to the filter in one step. */
export function nextGuidance(
  state: HintFilterState,
  detections: readonly FaceDetectionLike[],
  frame: FrameSize,
  config: GuidanceConfig = GUIDANCE_CONFIG,
): { raw: GuidanceHint; filter: HintFilterState } {
  const raw = classifyFrame(detections, frame, config);
  return { raw, filter: filterHint(state, raw, config) };
}
