/**
 * Face guidance: turns one video frame (the detector's output plus a small brightness/sharpness
 * sample) into ONE hint for the person in front of the camera, and smooths the hint over frames so
 * it does not flicker. Pure: no React, no DOM, no MediaPipe import (the detection shape is
 * structural). Thresholds live in guidance-config.ts.
 */
import { centringHint, distanceHint, headPose, isFrontal, type FaceBox, type FrameSize, type Keypoint } from './face-geometry';
import type { FrameQuality } from './frame-quality';
import { GUIDANCE_CONFIG, type GuidanceConfig } from './guidance-config';

export type { FrameSize } from './face-geometry';

export type GuidanceHint =
  | 'no_face'
  | 'multiple_faces'
  | 'too_dark'
  | 'too_bright'
  | 'move_closer'
  | 'move_back'
  | 'move_left'
  | 'move_right'
  | 'move_up'
  | 'move_down'
  | 'face_the_camera'
  | 'blurry'
  | 'ready';

/** The part of a MediaPipe `Detection` guidance needs (boxes in video pixels, keypoints 0–1). */
export interface FaceDetectionLike {
  boundingBox?: FaceBox;
  categories?: ReadonlyArray<{ score: number }>;
  keypoints?: readonly Keypoint[];
}

export interface FrameObservation {
  detections: readonly FaceDetectionLike[];
  frame: FrameSize;
  /** Brightness/sharpness of the frame; null when it could not be sampled (checks skipped). */
  quality: FrameQuality | null;
}

function lightingHint(quality: FrameQuality | null, config: GuidanceConfig): 'too_dark' | 'too_bright' | undefined {
  if (!quality) return undefined;
  if (quality.meanLuma < config.brightness.minMeanLuma) return 'too_dark';
  if (quality.meanLuma > config.brightness.maxMeanLuma) return 'too_bright';
  return undefined;
}

/**
 * The hint for a single frame, before smoothing. The checks run in the order that gives the most
 * useful single instruction:
 *  1. no face — unless the frame is too dark/bright, which is then the likely reason we see none;
 *  2. more than one face;
 *  3. lighting (fixing it means moving somewhere else, which redoes everything below);
 *  4. distance (changing it also moves the face in the frame);
 *  5. centring in the oval, with a direction;
 *  6. head pose (only meaningful once the face is where we want it);
 *  7. blur (often just motion: once everything else is right, the person holds still);
 *  8. ready.
 */
export function classifyFrame(observation: FrameObservation, config: GuidanceConfig = GUIDANCE_CONFIG): GuidanceHint {
  const { frame, quality } = observation;
  const faces = observation.detections.filter(
    (d): d is FaceDetectionLike & { boundingBox: FaceBox } =>
      !!d.boundingBox && d.boundingBox.width > 0 && d.boundingBox.height > 0,
  );
  const lighting = lightingHint(quality, config);
  if (faces.length === 0) return lighting ?? 'no_face';
  if (faces.length > 1) return 'multiple_faces';
  if (lighting) return lighting;
  const face = faces[0] as FaceDetectionLike & { boundingBox: FaceBox };
  const distance = distanceHint(face.boundingBox, frame, config.faceSize);
  if (distance) return distance;
  const centring = centringHint(face.boundingBox, frame, config.oval);
  if (centring) return centring;
  const pose = headPose(face.keypoints, frame);
  if (pose && !isFrontal(pose, config.pose)) return 'face_the_camera';
  if (quality && quality.sharpness < config.sharpness.minRelativeSharpness) return 'blurry';
  return 'ready';
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
  observation: FrameObservation,
  config: GuidanceConfig = GUIDANCE_CONFIG,
): { raw: GuidanceHint; filter: HintFilterState } {
  const raw = classifyFrame(observation, config);
  return { raw, filter: filterHint(state, raw, config) };
}
