/** Duration and frame rate as decoded (not as the header claims), and the findings on them. */
import { LOCAL_SCREENING_CONFIG } from '../config.js';
import { round, upperMedian } from '../numbers.js';
import type { ClipAnalysis, Finding } from '../types.js';

export interface DecodedTiming {
  durationS: number;
  fps: number;
  /** 'decoded' from the frames' own timestamps; 'header' only if the decoder log lost them. */
  source: 'decoded' | 'header';
}

export function decodedTiming(a: ClipAnalysis): DecodedTiming {
  const times = a.frameTimesS;
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined || times.length !== a.decodedFrames) {
    return { durationS: a.declared.durationS, fps: a.declared.fps, source: 'header' };
  }
  // The last frame lasts one frame interval too (as ffprobe counts it).
  const intervals = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const frameS = upperMedian(intervals) ?? 0;
  const durationS = Math.max(0, last - first + frameS);
  return { durationS, fps: durationS > 0 ? a.decodedFrames / durationS : 0, source: 'decoded' };
}

export function clipTimingFindings(a: ClipAnalysis, timing: DecodedTiming): Finding[] {
  const cfg = LOCAL_SCREENING_CONFIG.clip;
  const findings: Finding[] = [];
  const evidence = {
    decodedDurationS: round(timing.durationS),
    declaredDurationS: round(a.declared.durationS),
    decodedFrames: a.decodedFrames,
    declaredFrames: a.declared.frameCount,
    source: timing.source,
  };
  if (timing.durationS < cfg.minDurationS) {
    findings.push({
      code: 'too_short',
      message: `The clip lasts ${round(timing.durationS, 2)} s; at least ${cfg.minDurationS} s is needed.`,
      evidence: { ...evidence, minDurationS: cfg.minDurationS },
    });
  }
  if (timing.durationS > cfg.maxDurationS) {
    findings.push({
      code: 'too_long',
      message: `The clip lasts ${round(timing.durationS, 2)} s; at most ${cfg.maxDurationS} s is accepted.`,
      evidence: { ...evidence, maxDurationS: cfg.maxDurationS },
    });
  }
  if (timing.fps < cfg.minFps) {
    findings.push({
      code: 'fps_too_low',
      message: `The clip has ${round(timing.fps, 1)} frames per second; a camera gives at least ${cfg.minFps}.`,
      evidence: { ...evidence, fps: round(timing.fps, 2), minFps: cfg.minFps },
    });
  }
  return findings;
}
