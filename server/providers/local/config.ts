/**
 * Every threshold of the local screening, in one place, each with why. "(measured)" values were
 * calibrated on the shared fixtures (../shared/fixtures) with the detector this folder loads;
 * "(guess)" values are judgement and should be revisited with real captures.
 */
export const LOCAL_SCREENING_CONFIG = {
  /** Label carried by every local result: this is NOT a deepfake or liveness verdict. */
  label: 'local screening — no deepfake model',

  sampling: {
    /** (guess) 10 evenly spaced samples: enough to see presence/jumps on 1–30 s, cheap to detect (~60 ms each). */
    frameCount: 10,
    /** Longest side of a sampled frame. The detector resizes to 256 px anyway; 480 keeps thumbnails legible. */
    longSidePx: 480,
    /** Thumbnail JPEG quality on ffmpeg's 2–31 scale (lower is better); 5 ≈ 20–30 KB at 480 px. */
    jpegQScale: 5,
    /** Side of the square grey frame every decoded frame is reduced to for the frozen-frame comparison. */
    greySidePx: 64,
  },

  worker: {
    /**
     * (measured) A 5 s 720p clip decodes + detects in ~2.5 s on an idle 2-core box; 30 s at 1080p can take
     * ~15 s. The workers run at the lowest CPU priority, so a busy box stretches this several times
     * (3 s clip: 11 s median at load average 18): a timeout is reported as "could not screen", not as a finding.
     */
    timeoutMs: 90_000,
    /** (guess) Caps the worker's JS heap; decoder/detector memory is wasm and is bounded by the clip limits. */
    maxOldGenerationSizeMb: 512,
    /** One clip at a time: decoding and tfjs are CPU-bound and the box has 2 cores; the server needs the other. */
    concurrency: 1,
    /**
     * (measured) After this long without a clip the detect worker (~100 MB) is ended and the compiled
     * decoder (~60 MB) dropped; loading them again costs the next clip ~1–2 s. LOCAL_SCREENING_IDLE_SECONDS.
     */
    idleReleaseMs: 60_000,
  },

  queue: {
    /**
     * (guess) Captures waiting for their screening, at most (LOCAL_SCREENING_MAX_QUEUE). At ~2–10 s a
     * clip, 100 is 3–15 minutes of work; a capture past it is recorded as not screened (status error).
     */
    maxDepth: 100,
  },

  clip: {
    /** The capture records 1–30 s; a shorter clip shows too little of the person to review. */
    minDurationS: 1,
    maxDurationS: 30,
    /**
     * (guess) A camera delivers ≥ 10 fps even in poor light; fewer is a slideshow of stills, which is
     * what an injected/replayed sequence of photos looks like. The upload itself is accepted from 1 fps.
     */
    minFps: 10,
  },

  face: {
    /** Detector confidence floor; the research (detector-and-storage.md) used 0.5 with the mesh gate. */
    minConfidence: 0.5,
    /** Up to 3 so that a third face is still counted, not hidden. */
    maxDetected: 3,
    /**
     * (measured) Share of samples with a face below which the clip counts as "no face". Not 0: the
     * short-range detector has given stray detections on the coffee-cup clip (3–18 % of frames).
     */
    noFaceBelowShare: 0.25,
    /** (research) "Exactly one face in ≥ 6 of 8 frames": a face must be present in ≥ 75 % of samples. */
    minPresenceShare: 0.75,
    /** Two samples, not one, with ≥ 2 faces: a single stray second box (a poster, a reflection) is not enough. */
    multipleFacesMinSamples: 2,
    /**
     * (measured) Face height (tight landmark extent, forehead to chin) / frame short side, median over
     * samples. face_640x480 0.29–0.34 (median 0.32), face_1280x720 0.42–0.51, twofaces_wide 0.21–0.25
     * (median 0.23, the small-face fixture). The margin is thin on both sides: revisit with real captures.
     * Vendors' models need a face that fills the guide oval.
     */
    minHeightShare: 0.27,
    /**
     * (measured/guess) Face-track jump between consecutive samples that both hold exactly one face.
     * A guided selfie keeps the face in the oval: on the fixtures (sway + zoom) the centre moves
     * ≤ 0.1 face heights and the size ≤ 10 % between samples. A cut to another take or a spliced
     * segment moves it by about a face height or changes its size by half.
     */
    maxCentreShiftInFaceHeights: 0.6,
    maxSizeRatio: 1.4,
  },

  frozen: {
    /**
     * (measured) Mean absolute grey difference (0–255) between consecutive 64×64 grey frames below which
     * they count as "the same picture". Moving fixtures: ≥ 0.48 (coffee cup, slow pan); a looped still
     * decodes to ≈ 0. A real camera adds sensor noise and micro-motion on top.
     */
    maxMeanAbsDiff: 0.2,
    /** (guess) A run of near-identical frames this long is a held still, not a dropped frame or two. */
    minRunS: 1,
  },
} as const;

export type LocalScreeningConfig = typeof LOCAL_SCREENING_CONFIG;
