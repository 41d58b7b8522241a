/** Turns what the worker measured (plus the capture telemetry) into findings and the verdict. Pure. */
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { cameraFindings } from './findings/camera.js';
import { clipTimingFindings, decodedTiming } from './findings/clip-timing.js';
import { faceFindings } from './findings/faces.js';
import { dimensionMismatchFinding, frameSizeFindings } from './findings/frame-size.js';
import { frozenFindings, longestFrozenRun } from './findings/frozen.js';
import type { ClipAnalysisResult, LocalScreeningResult, ScreeningFrame } from './types.js';

export type Evaluation = Omit<LocalScreeningResult, 'timingsMs'>;

export function evaluateScreening(analysis: ClipAnalysisResult, telemetry: Record<string, unknown> | undefined): Evaluation {
  const camera = cameraFindings(telemetry);
  const label = LOCAL_SCREENING_CONFIG.label;
  if (!analysis.readable) {
    // A stream larger than its header says is stopped before decoding: reported as what it is.
    const finding = analysis.frameSizes
      ? dimensionMismatchFinding(analysis.frameSizes)
      : {
          code: 'unreadable' as const,
          message: 'The clip could not be decoded as a video.',
          evidence: { reason: analysis.reason, detail: analysis.detail },
        };
    return { verdict: 'fail', label, findings: [finding, ...camera], frames: [] };
  }
  const timing = decodedTiming(analysis);
  const frozenRun = longestFrozenRun(analysis.greyDiffs, analysis.frameTimesS, timing.fps);
  const findings = [
    ...frameSizeFindings(analysis),
    ...clipTimingFindings(analysis, timing),
    ...faceFindings(analysis.samples),
    ...frozenFindings(frozenRun, analysis.samples, analysis.greyDiffs),
    ...camera,
  ];
  const frames: ScreeningFrame[] = analysis.samples.map((s, index) => ({
    index,
    frameIndex: s.frameIndex,
    timeS: s.timeS,
    width: s.width,
    height: s.height,
    jpeg: Buffer.from(s.jpeg.buffer, s.jpeg.byteOffset, s.jpeg.byteLength),
    faces: s.faces,
  }));
  return {
    // Every finding is a deterministic failure; without one, a person still has to look: never 'pass'.
    verdict: findings.length > 0 ? 'fail' : 'review',
    label,
    findings,
    frames,
    measurements: {
      durationS: timing.durationS,
      fps: timing.fps,
      decodedFrames: analysis.decodedFrames,
      declared: analysis.declared,
      samplesWithOneFace: analysis.samples.filter((s) => s.faces.length === 1).length,
      samplesWithFace: analysis.samples.filter((s) => s.faces.length > 0).length,
      longestFrozenRunS: frozenRun?.durationS ?? 0,
    },
  };
}
