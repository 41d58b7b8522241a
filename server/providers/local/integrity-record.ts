/** The stored, API-facing form of a screening: CaseDetail.integrity, with frames as case media `frame.N`. */
import type { CaptureIntegrity, IntegrityFindingCode, IntegrityFindingKind } from '@contract/api';
import type { LocalScreeningResult } from './types.js';
import { round } from './numbers.js';

/**
 * A retake fixes a bad capture; a suspected fake is a sign that the camera stream was not a live
 * camera (injected, replayed or edited), which no retake explains away.
 */
export const FINDING_KIND: Record<IntegrityFindingCode, IntegrityFindingKind> = {
  unreadable: 'bad_capture',
  too_short: 'bad_capture',
  too_long: 'bad_capture',
  no_face: 'bad_capture',
  multiple_faces: 'bad_capture',
  face_too_small: 'bad_capture',
  face_often_absent: 'bad_capture',
  fps_too_low: 'suspected_fake',
  face_track_jump: 'suspected_fake',
  frozen_frames: 'suspected_fake',
  virtual_camera: 'suspected_fake',
  dimension_mismatch: 'suspected_fake',
};

export const frameRole = (index: number): string => `frame.${index}`;

export function toCaptureIntegrity(result: LocalScreeningResult, screenedAt: Date): CaptureIntegrity {
  const m = result.measurements;
  return {
    status: 'done',
    label: result.label,
    verdict: result.verdict,
    findings: result.findings.map((f) => ({
      code: f.code,
      kind: FINDING_KIND[f.code],
      message: f.message,
      ...(f.samples ? { frames: f.samples } : {}),
      evidence: f.evidence,
    })),
    frames: result.frames.map((f) => ({
      index: f.index,
      role: frameRole(f.index),
      frameIndex: f.frameIndex,
      timeS: round(f.timeS),
      width: f.width,
      height: f.height,
      faces: f.faces.map((b) => ({
        x: Math.round(b.x),
        y: Math.round(b.y),
        width: Math.round(b.width),
        height: Math.round(b.height),
        score: round(b.score),
      })),
    })),
    ...(m
      ? {
          measurements: {
            durationS: round(m.durationS),
            fps: round(m.fps),
            decodedFrames: m.decodedFrames,
            samplesWithOneFace: m.samplesWithOneFace,
            samplesWithFace: m.samplesWithFace,
            longestFrozenRunS: round(m.longestFrozenRunS),
          },
        }
      : {}),
    timingsMs: result.timingsMs,
    screenedAt: screenedAt.toISOString(),
  };
}
