/**
 * Where the face is and which way it points, from one BlazeFace detection. Pure geometry in video
 * pixels (unmirrored: x grows to the camera's right, i.e. towards the person's LEFT).
 */
import { KEYPOINT, type GuidanceConfig } from './guidance-config';

export interface FrameSize {
  width: number;
  height: number;
}

export interface FaceBox {
  originX: number;
  originY: number;
  width: number;
  height: number;
}

/** tasks-vision keypoints are normalised to the frame (0–1). */
export interface Keypoint {
  x: number;
  y: number;
}

export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export type DistanceHint = 'move_closer' | 'move_back';
/** Directions as the person should move, seeing themselves in the mirrored preview. */
export type CentringHint = 'move_left' | 'move_right' | 'move_up' | 'move_down';

export function shortSide(frame: FrameSize): number {
  return Math.min(frame.width, frame.height);
}

/** BlazeFace boxes are about square; use the larger side to be safe. */
export function faceBoxSize(box: FaceBox): number {
  return Math.max(box.width, box.height);
}

/** The on-screen oval, in video pixels (the preview shows the whole frame, so this is also where it is drawn). */
export function ovalFor(frame: FrameSize, oval: GuidanceConfig['oval']): Oval {
  const s = shortSide(frame);
  return { cx: oval.centerX * frame.width, cy: oval.centerY * frame.height, rx: oval.radiusX * s, ry: oval.radiusY * s };
}

/** Too small (far away) or too large (too close) for the frame, or undefined when the size is fine. */
export function distanceHint(box: FaceBox, frame: FrameSize, size: GuidanceConfig['faceSize']): DistanceHint | undefined {
  const face = faceBoxSize(box);
  const s = shortSide(frame);
  if (face < Math.max(size.minBoxPx, size.minFractionOfShortSide * s)) return 'move_closer';
  if (face > size.maxFractionOfShortSide * s) return 'move_back';
  return undefined;
}

/**
 * Offset of the face centre from the oval centre, in units of the allowed tolerance on each axis
 * (|x| ≤ 1 and |y| ≤ 1 on the tolerance ellipse's axes).
 */
export function centreOffset(box: FaceBox, frame: FrameSize, config: GuidanceConfig['oval']): { x: number; y: number } {
  const oval = ovalFor(frame, config);
  const fx = box.originX + box.width / 2;
  const fy = box.originY + box.height / 2;
  return { x: (fx - oval.cx) / (oval.rx * config.centreTolerance), y: (fy - oval.cy) / (oval.ry * config.centreTolerance) };
}

/**
 * Which way to move so the face centre gets inside the tolerance ellipse; undefined when it is.
 * The axis that is further off wins, so the hint names the biggest correction first.
 *
 * Mirroring: the preview is flipped, so it behaves like a mirror. A face LEFT of centre in the raw
 * frame shows RIGHT of centre on screen; the person corrects that by moving to THEIR left (which
 * moves their image left on screen). Hence raw x < centre → `move_left`. Vertical is not mirrored:
 * a face low in the frame → `move_up`.
 */
export function centringHint(box: FaceBox, frame: FrameSize, config: GuidanceConfig['oval']): CentringHint | undefined {
  const { x, y } = centreOffset(box, frame, config);
  if (x * x + y * y <= 1) return undefined;
  if (Math.abs(x) >= Math.abs(y)) return x < 0 ? 'move_left' : 'move_right';
  return y > 0 ? 'move_up' : 'move_down';
}

export interface HeadPose {
  /** Nose tip's horizontal offset from the eye midpoint, in inter-eye distances (0 = frontal). */
  yaw: number;
  /** Tilt of the eye line, degrees (0 = level). */
  rollDeg: number;
  /** (nose − eye line) / (mouth − eye line), vertically; ~0.5 when frontal. NaN if undefined. */
  pitchRatio: number;
}

/** Head pose from the 6 BlazeFace keypoints; undefined if eyes, nose or mouth are missing. */
export function headPose(keypoints: readonly Keypoint[] | undefined, frame: FrameSize): HeadPose | undefined {
  if (!keypoints || keypoints.length < 4) return undefined;
  const px = (k: Keypoint | undefined) => (k ? { x: k.x * frame.width, y: k.y * frame.height } : undefined);
  const right = px(keypoints[KEYPOINT.rightEye]);
  const left = px(keypoints[KEYPOINT.leftEye]);
  const nose = px(keypoints[KEYPOINT.noseTip]);
  const mouth = px(keypoints[KEYPOINT.mouth]);
  if (!right || !left || !nose || !mouth) return undefined;
  const eyeDistance = Math.hypot(left.x - right.x, left.y - right.y);
  if (eyeDistance === 0) return undefined;
  const eyeMid = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const mouthDrop = mouth.y - eyeMid.y;
  return {
    yaw: (nose.x - eyeMid.x) / eyeDistance,
    // The subject's right eye is on the image's left, so left − right points along +x when level.
    rollDeg: (Math.atan2(left.y - right.y, left.x - right.x) * 180) / Math.PI,
    pitchRatio: mouthDrop > 0 ? (nose.y - eyeMid.y) / mouthDrop : Number.NaN,
  };
}

/** True when the head is roughly frontal: yaw, roll and pitch inside the configured bands. */
export function isFrontal(pose: HeadPose, config: GuidanceConfig['pose']): boolean {
  return (
    Math.abs(pose.yaw) <= config.maxYaw &&
    Math.abs(pose.rollDeg) <= config.maxRollDeg &&
    pose.pitchRatio >= config.minPitchRatio &&
    pose.pitchRatio <= config.maxPitchRatio
  );
}
