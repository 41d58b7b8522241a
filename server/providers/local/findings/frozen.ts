/** Frozen frames: a run of (near-)identical consecutive frames, as a replayed still or a paused stream gives. */
import { LOCAL_SCREENING_CONFIG } from '../config.js';
import { round, upperMedian } from '../numbers.js';
import type { AnalysedSample, Finding } from '../types.js';

const cfg = LOCAL_SCREENING_CONFIG.frozen;

export interface FrozenRun {
  firstFrame: number;
  lastFrame: number;
  startS: number;
  durationS: number;
}

/** The longest run of frames each near-identical to the one before; times from the decoded timestamps. */
export function longestFrozenRun(greyDiffs: number[], frameTimesS: number[], fallbackFps: number): FrozenRun | undefined {
  const timeOf = (frame: number) => frameTimesS[frame] ?? frame / Math.max(fallbackFps, 1);
  const frameS =
    frameTimesS.length > 1
      ? (timeOf(frameTimesS.length - 1) - timeOf(0)) / (frameTimesS.length - 1)
      : 1 / Math.max(fallbackFps, 1);
  let best: FrozenRun | undefined;
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    // Frames start..end are all the same picture; the run lasts until the frame after `end` would show.
    const run = { firstFrame: start, lastFrame: end, startS: timeOf(start), durationS: timeOf(end) - timeOf(start) + frameS };
    if (!best || run.durationS > best.durationS) best = run;
    start = -1;
  };
  greyDiffs.forEach((diff, i) => {
    if (diff <= cfg.maxMeanAbsDiff) {
      if (start < 0) start = i; // diff i compares frames i and i+1
    } else close(i);
  });
  close(greyDiffs.length);
  return best;
}

export function frozenFindings(run: FrozenRun | undefined, samples: AnalysedSample[], greyDiffs: number[]): Finding[] {
  if (!run || run.durationS < cfg.minRunS) return [];
  const inRun = samples
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.frameIndex >= run.firstFrame && s.frameIndex <= run.lastFrame);
  return [
    {
      code: 'frozen_frames',
      message: `The picture does not change for ${round(run.durationS, 2)} s (frames ${run.firstFrame}–${run.lastFrame}), as a replayed still would.`,
      samples: inRun.map(({ i }) => i),
      evidence: {
        run: { ...run, startS: round(run.startS), durationS: round(run.durationS) },
        medianGreyDiff: round(upperMedian(greyDiffs) ?? 0),
        maxMeanAbsDiff: cfg.maxMeanAbsDiff,
        minRunS: cfg.minRunS,
      },
    },
  ];
}
