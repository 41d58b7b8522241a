/** Shapes of the local screening: what the worker measures, and what the screening concludes. */
import type { IntegrityFindingCode } from '@contract/api';
import type { FrameSize } from '@contract/media/h264-sps.js';

/** Every deterministic check's code (the API's list); each one, when present, fails the screening. */
export type FindingCode = IntegrityFindingCode;

export interface Finding {
  code: FindingCode;
  /** Plain words for the reviewer. */
  message: string;
  /** Sample indices (into `frames`) the finding is about, when it is about frames. */
  samples?: number[];
  /** What was measured and the threshold it was held to. */
  evidence: Record<string, unknown>;
}

/** A face as the detector found it, in the sampled frame's pixels. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Tight extent of the face landmarks (forehead to chin): the size measure, unlike the padded box. */
  landmarkHeight: number;
  centreX: number;
  centreY: number;
  score: number;
}

/** One sampled frame as the worker returns it. */
export interface AnalysedSample {
  /** Index of the frame among all decoded frames, in presentation order. */
  frameIndex: number;
  timeS: number;
  width: number;
  height: number;
  jpeg: Uint8Array;
  faces: FaceBox[];
}

/** Everything the worker measured on a decodable clip. */
export interface ClipAnalysis {
  readable: true;
  /** Frames the decoder actually produced, and their presentation times. */
  decodedFrames: number;
  frameTimesS: number[];
  /** Mean absolute difference of consecutive 64×64 grey frames (length decodedFrames − 1). */
  greyDiffs: number[];
  /** What the container header claims, for comparison with what was decoded. */
  declared: {
    durationS: number;
    frameCount: number;
    fps: number;
    width: number;
    height: number;
    codec: string;
    container: string;
  };
  samples: AnalysedSample[];
  /** Each distinct size the sampled frames had as decoded (before scaling). */
  decodedSizes: FrameSize[];
  /** A frame the decoder refused as far larger than the header's size (the rest was decoded). */
  oversized?: FrameSize;
  /**
   * `detect` is the detector's own time, which overlaps the decode (frames are detected as they are
   * decoded); `detectWait` is what was left of it once decoding had finished.
   */
  timingsMs: { decode: number; detect: number; detectWait?: number };
}

/** The header's frame size against the stream's: from the SPS before decoding, or from the decoder. */
export interface FrameSizeMismatch {
  declared: FrameSize;
  stream: FrameSize;
  source: 'sps' | 'decoder';
}

export interface UnreadableClip {
  readable: false;
  /** Why: the probe's error code (`dimension_mismatch` among them), a decoder failure, a crash or the time limit. */
  reason: string;
  detail: string;
  /** With reason `dimension_mismatch`: the two sizes. Nothing was decoded past the first refused frame. */
  frameSizes?: FrameSizeMismatch;
}

export type ClipAnalysisResult = ClipAnalysis | UnreadableClip;

/** A sampled frame kept with the case: the review page's frame strip and thumbnails. */
export interface ScreeningFrame {
  /** Position in the strip (0-based). */
  index: number;
  /** Index among all decoded frames. */
  frameIndex: number;
  timeS: number;
  width: number;
  height: number;
  jpeg: Buffer;
  faces: FaceBox[];
}

export interface LocalScreeningResult {
  /** Never 'pass': there is no deepfake model here; 'review' means only "nothing deterministic failed". */
  verdict: 'fail' | 'review';
  label: string;
  findings: Finding[];
  frames: ScreeningFrame[];
  /** Decoded facts (absent when the clip could not be decoded). */
  measurements?: {
    durationS: number;
    fps: number;
    decodedFrames: number;
    declared: ClipAnalysis['declared'];
    samplesWithOneFace: number;
    samplesWithFace: number;
    longestFrozenRunS: number;
  };
  timingsMs: { queued: number; decode?: number; detect?: number; total: number };
}
