/** Findings on the faces in the sampled frames: none, several, too small, often missing, or jumping. */
import { LOCAL_SCREENING_CONFIG } from '../config.js';
import { round, upperMedian } from '../numbers.js';
import type { AnalysedSample, FaceBox, Finding } from '../types.js';

const cfg = LOCAL_SCREENING_CONFIG.face;

/** The face the screening follows in a sample: the largest one. */
function mainFace(s: AnalysedSample): FaceBox | undefined {
  return [...s.faces].sort((a, b) => b.landmarkHeight - a.landmarkHeight)[0];
}

export function faceFindings(samples: AnalysedSample[]): Finding[] {
  if (samples.length === 0) return [];
  const findings: Finding[] = [];
  const faceCounts = samples.map((s) => s.faces.length);
  const withFace = samples.map((_, i) => i).filter((i) => (faceCounts[i] ?? 0) > 0);
  const withoutFace = samples.map((_, i) => i).filter((i) => (faceCounts[i] ?? 0) === 0);
  const withSeveral = samples.map((_, i) => i).filter((i) => (faceCounts[i] ?? 0) > 1);
  const presence = withFace.length / samples.length;
  const counts = { samples: samples.length, faceCounts };

  if (presence < cfg.noFaceBelowShare) {
    findings.push({
      code: 'no_face',
      message: `No face was found (${withFace.length} of ${samples.length} sampled frames had one).`,
      samples: withoutFace,
      evidence: { ...counts, presenceShare: round(presence), noFaceBelowShare: cfg.noFaceBelowShare },
    });
    return findings; // size, presence and track say nothing more when there is no face
  }
  if (presence < cfg.minPresenceShare) {
    findings.push({
      code: 'face_often_absent',
      message: `The face is missing in ${withoutFace.length} of ${samples.length} sampled frames.`,
      samples: withoutFace,
      evidence: { ...counts, presenceShare: round(presence), minPresenceShare: cfg.minPresenceShare },
    });
  }
  if (withSeveral.length >= cfg.multipleFacesMinSamples) {
    findings.push({
      code: 'multiple_faces',
      message: `More than one face is visible in ${withSeveral.length} of ${samples.length} sampled frames.`,
      samples: withSeveral,
      evidence: { ...counts, multipleFacesMinSamples: cfg.multipleFacesMinSamples },
    });
  }

  const shares = withFace.map((i) => {
    const s = samples[i];
    const face = s && mainFace(s);
    return s && face ? face.landmarkHeight / Math.min(s.width, s.height) : 0;
  });
  const medianShare = upperMedian(shares) ?? 0;
  if (medianShare < cfg.minHeightShare) {
    findings.push({
      code: 'face_too_small',
      message: `The face fills ${Math.round(medianShare * 100)} % of the frame height; at least ${Math.round(cfg.minHeightShare * 100)} % is needed.`,
      samples: withFace.filter((_, k) => (shares[k] ?? 0) < cfg.minHeightShare),
      evidence: {
        faceHeightShares: shares.map((v) => round(v)),
        medianShare: round(medianShare),
        minHeightShare: cfg.minHeightShare,
      },
    });
  }

  const jumps = trackJumps(samples);
  if (jumps.length > 0) {
    findings.push({
      code: 'face_track_jump',
      message: `The face jumps between ${jumps.length === 1 ? 'two consecutive samples' : `${jumps.length} pairs of consecutive samples`}, as a cut or splice would make it.`,
      samples: [...new Set(jumps.flatMap((j) => [j.from, j.to]))],
      evidence: { jumps, maxCentreShiftInFaceHeights: cfg.maxCentreShiftInFaceHeights, maxSizeRatio: cfg.maxSizeRatio },
    });
  }
  return findings;
}

interface Jump {
  from: number;
  to: number;
  fromTimeS: number;
  toTimeS: number;
  centreShiftInFaceHeights: number;
  sizeRatio: number;
}

/** Consecutive samples that each hold exactly one face, compared in frame-independent units. */
function trackJumps(samples: AnalysedSample[]): Jump[] {
  const jumps: Jump[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (!a || !b || a.faces.length !== 1 || b.faces.length !== 1) continue;
    const fa = a.faces[0];
    const fb = b.faces[0];
    if (!fa || !fb || fa.landmarkHeight <= 0 || fb.landmarkHeight <= 0) continue;
    // Normalised to each frame's size, so samples of different scale (none expected) still compare.
    const scaleA = Math.min(a.width, a.height);
    const scaleB = Math.min(b.width, b.height);
    const heightA = fa.landmarkHeight / scaleA;
    const heightB = fb.landmarkHeight / scaleB;
    const shift = Math.hypot(fb.centreX / scaleB - fa.centreX / scaleA, fb.centreY / scaleB - fa.centreY / scaleA);
    const centreShiftInFaceHeights = shift / ((heightA + heightB) / 2);
    const sizeRatio = Math.max(heightA, heightB) / Math.min(heightA, heightB);
    if (centreShiftInFaceHeights > cfg.maxCentreShiftInFaceHeights || sizeRatio > cfg.maxSizeRatio) {
      jumps.push({
        from: i - 1,
        to: i,
        fromTimeS: round(a.timeS),
        toTimeS: round(b.timeS),
        centreShiftInFaceHeights: round(centreShiftInFaceHeights),
        sizeRatio: round(sizeRatio),
      });
    }
  }
  return jumps;
}
